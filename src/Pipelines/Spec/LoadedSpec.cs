namespace DeepLearning.Pipelines.Spec;

/// <summary>A bound, checked spec and the file it came from (data paths are relative to it).</summary>
/// <param name="Spec">The spec, defaults filled in.</param>
/// <param name="Path">The spec file.</param>
public sealed record LoadedSpec(PipelineSpec Spec, string Path)
{
    /// <summary>Folder that relative data paths start from.</summary>
    public string BaseDirectory => System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;

    /// <summary>A data path from the spec, resolved against the spec's folder.</summary>
    public string Resolve(string path) => System.IO.Path.GetFullPath(path, BaseDirectory);
}
