using DeepLearning.Pipelines.Trainers;
using DeepLearning.Pipelines.Transforms;

namespace DeepLearning.Pipelines.Spec;

/// <summary>Reads a spec file (YAML or JSON), applies overrides, binds and checks it.</summary>
public static class SpecLoader
{
    /// <summary>Loads <paramref name="path"/>; throws <see cref="SpecException"/> listing every problem found.</summary>
    public static LoadedSpec Load(string path, IEnumerable<string>? overrides = null, TrainerCatalog? trainers = null)
    {
        if (!File.Exists(path))
            throw new SpecException(new SpecError(new SourceLocation(path, 0, 0), "", "spec file not found"));
        var text = File.ReadAllText(path);
        return Parse(text, path, overrides, trainers);
    }

    /// <summary>Parses spec text; <paramref name="path"/> names it in errors and anchors relative data paths.</summary>
    public static LoadedSpec Parse(string text, string path, IEnumerable<string>? overrides = null, TrainerCatalog? trainers = null)
    {
        trainers ??= TrainerCatalog.Default;
        var root = SpecDocumentReader.Read(text, path);
        root = SpecOverrides.Apply(root, overrides ?? []);
        var spec = new SpecBinder(trainers, TransformCatalog.Default).BindPipeline(root);
        SpecValidator.Check(spec, root, trainers);
        return new LoadedSpec(spec, path);
    }
}
