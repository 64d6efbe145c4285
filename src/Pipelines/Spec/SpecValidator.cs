using DeepLearning.Pipelines.Trainers;

namespace DeepLearning.Pipelines.Spec;

/// <summary>Rules that span several keys (a single key's type and range are checked while binding).</summary>
public static class SpecValidator
{
    /// <summary>Throws <see cref="SpecException"/> with every rule broken.</summary>
    public static void Check(PipelineSpec spec, SpecNode root, TrainerCatalog trainers)
    {
        var errors = new List<SpecError>();
        SourceLocation? At(params string[] path)
        {
            SpecNode? node = root;
            foreach (var key in path) node = (node as SpecMap)?.Get(key);
            return node?.Location ?? root.Location;
        }

        var task = SnakeCase.Of(spec.Task);
        var definition = trainers.Find(spec.Trainer.Name)!;
        if (!definition.Factories.ContainsKey(spec.Task))
            errors.Add(new SpecError(At("trainer", "name"), "trainer.name",
                $"received '{spec.Trainer.Name}', which does not do {task} (it does: {string.Join(", ", definition.Tasks.Select(t => SnakeCase.Of(t)))}); allowed for {task}: {string.Join(", ", trainers.NamesFor(spec.Task))}"));
        if (spec.Trainer.Options is OneVersusAllOptions ova && trainers.Find(ova.Binary.Name) is { } inner && !inner.Factories.ContainsKey(MlTask.Binary))
            errors.Add(new SpecError(At("trainer", "binary"), "trainer.binary.name",
                $"received '{ova.Binary.Name}', which is not a binary trainer; allowed: {string.Join(", ", trainers.NamesFor(MlTask.Binary))}"));
        if (spec.Trainer.Options is AutoencoderOptions autoencoder)
        {
            bool convolutional = autoencoder.Variant == DeepLearning.Trainers.Networks.AutoencoderVariant.Convolutional;
            if (convolutional && autoencoder.Image is null)
                errors.Add(new SpecError(At("trainer", "variant"), "trainer.image",
                    "required when trainer.variant is convolutional: how each row's features lay out as pixels, e.g. { channels: 1, height: 8, width: 8 }"));
            // Given with the dense variant they would be silently ignored.
            var given = (root as SpecMap)?.Get("trainer") as SpecMap;
            foreach (var key in new[] { "image", "filters" }.Where(k => !convolutional && given?.Get(k) is { } node && node is not SpecScalar { IsNull: true }))
                errors.Add(new SpecError(At("trainer", key), $"trainer.{key}", $"applies to trainer.variant convolutional only; received it with variant {SnakeCase.Of(autoencoder.Variant)}"));
        }
        if (spec.Task.IsSupervised() && string.IsNullOrWhiteSpace(spec.Label))
            errors.Add(new SpecError(root.Location, "label", $"required for task {task}: name the column to predict"));
        if (spec.Label is { } label && spec.Features?.Contains(label) == true)
            errors.Add(new SpecError(At("features"), "features", $"lists the label '{label}'; a model cannot take its own answer as input"));
        if (spec.Features is { Count: 0 })
            errors.Add(new SpecError(At("features"), "features", "received an empty list; list at least one column, or omit the key to use all but the label"));
        if (spec.Features is { } features && features.GroupBy(f => f).FirstOrDefault(g => g.Count() > 1) is { } twice)
            errors.Add(new SpecError(At("features"), "features", $"lists '{twice.Key}' twice"));
        if (spec.Evaluate.CrossValidation == 1)
            errors.Add(new SpecError(At("evaluate", "cross_validation"), "evaluate.cross_validation", "received 1; allowed: 0 (none) or 2–50 folds"));
        if (spec.Data.Separator != "auto" && spec.Data.Separator != "\\t" && spec.Data.Separator.Length != 1)
            errors.Add(new SpecError(At("data", "separator"), "data.separator", $"received '{spec.Data.Separator}'; allowed: auto, \\t, or one character"));
        if (spec.Data.Separator is "\"" or "\n" or "\r")
            errors.Add(new SpecError(At("data", "separator"), "data.separator", "a quote or line break cannot separate fields"));
        if (spec.Name.Trim().Length == 0)
            errors.Add(new SpecError(At("name"), "name", "received an empty name"));
        StreamingRules.Check(spec, path => At(path), errors);
        if (errors.Count > 0) throw new SpecException(errors);
    }
}
