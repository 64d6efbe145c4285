namespace DeepLearning.Pipelines.Spec;

/// <summary>What <c>data.streaming: true</c> allows. Streaming keeps no rows in memory, so whatever needs them
/// all at once is refused with the reason, rather than silently loading the file.</summary>
public static class StreamingRules
{
    /// <summary>Trainers that pass over an <c>IDataView</c> without copying it: SDCA keeps only its dual variables
    /// (three floats per training row), the MLP streams mini-batches through its shuffle pool (<c>cache: stream</c>,
    /// or <c>auto</c> above 64 MiB of features). Tree learners, L-BFGS and the closed-form trainers gather the data
    /// in memory.</summary>
    public static IReadOnlyList<string> Trainers { get; } = ["sdca", "sdca_logistic", "sdca_maximum_entropy", "mlp"];

    /// <summary>Adds an error for each rule <paramref name="spec"/> breaks; <paramref name="at"/> finds a key's location.</summary>
    public static void Check(PipelineSpec spec, Func<string[], SourceLocation?> at, List<SpecError> errors)
    {
        if (!spec.Data.Streaming) return;
        if (!spec.Task.IsSupervised())
            errors.Add(new SpecError(at(["task"]), "task", $"received '{SnakeCase.Of(spec.Task)}' with data.streaming: true; allowed: regression, binary, multiclass (streaming trains supervised models only)"));
        if (!Trainers.Contains(spec.Trainer.Name))
            errors.Add(new SpecError(at(["trainer", "name"]), "trainer.name", $"received '{spec.Trainer.Name}', which gathers its training data in memory; allowed with data.streaming: true: {string.Join(", ", Trainers)}"));
        if (spec.Trainer.Options is Trainers.MlpOptions { Cache: DeepLearning.Trainers.Training.DataCache.Memory })
            errors.Add(new SpecError(at(["trainer", "cache"]), "trainer.cache", "received memory with data.streaming: true; allowed: stream or auto (a copy of every featurised row in memory is what streaming avoids)"));
        if (spec.Evaluate.CrossValidation >= 2)
            errors.Add(new SpecError(at(["evaluate", "cross_validation"]), "evaluate.cross_validation", $"received {spec.Evaluate.CrossValidation} with data.streaming: true; allowed: 0 (k folds of a file larger than memory would mean k more full trainings: hold out a test set instead)"));
        if (spec.Task.IsClassification() && spec.Data.Split.Stratify && spec.Data.Test is null && spec.Data.Split.Column is null)
            errors.Add(new SpecError(at(["data", "split", "stratify"]), "data.split.stratify", "received true with data.streaming: true; allowed: false (a streamed split hashes each row's number and cannot see the classes ahead; on a large file each class keeps its share within sampling error)"));
    }
}
