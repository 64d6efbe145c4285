using DeepLearning.Pipelines.Prediction;
using DeepLearning.Pipelines.Running;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Registry;

/// <summary>The outcome of training into a registry.</summary>
/// <param name="Train">The training result (its ModelPath is the new version's bundle).</param>
/// <param name="Version">The new version's number.</param>
/// <param name="Verdict">The promotion verdict.</param>
public sealed record RegistryTrainResult(TrainResult Train, int Version, PromotionVerdict Verdict);

/// <summary>The nightly job: under the model's lock, train a new immutable version, judge it against the champion
/// on the same holdout, and promote it only when the gate says so. The champion is untouched until then.</summary>
public static class RegistryTraining
{
    /// <summary>Drift of the new training data from the champion's training profile, so the verdict says whether
    /// the world moved as well as whether the model got better. Null without a champion, a profile, or shared inputs.</summary>
    private static Drift.DriftReport? DriftAgainst(PipelineModel? champion, Running.TrainResult result)
    {
        if (champion?.Manifest.Profile is null) return null;
        var inputs = result.TrainingData ?? result.Holdout.Inputs;
        bool comparable = champion.Manifest.InputSchema.All(c => inputs.Find(c.Name)?.Kind == c.Kind);
        return comparable ? champion.CheckDrift(inputs) : null;
    }

    /// <summary>Trains <paramref name="loaded"/> into the registry at <paramref name="root"/>.</summary>
    public static RegistryTrainResult Train(LoadedSpec loaded, string root, IProgress<string>? progress = null)
    {
        var spec = loaded.Spec;
        if (spec.Task == MlTask.Reinforcement)
            throw new ArgumentException("a registry promotes models by their metrics on the same holdout rows; task reinforcement has none: train it with --output");
        var registry = ModelRegistry.Open(root, spec.Name, create: true);
        using var held = registry.Lock();
        registry.RemoveLeftovers();
        var staging = registry.StagingBundlePath();
        try
        {
            var result = new PipelineTrainer(progress: progress).Train(loaded, staging);
            var champion = registry.Champion();
            var championModel = champion is null ? null : PipelineModel.Load(registry.Version(champion.Version).BundlePath);
            progress?.Report(champion is null ? "No champion yet" : $"Comparing with champion version {champion.Version}");
            PromotionVerdict? verdict = null;
            // The verdict is written inside the new version's folder before the folder is moved into place.
            int version = registry.Add(staging, number => verdict = PromotionGate.Decide(result, number, championModel, champion?.Version, spec.Promotion, spec.Seed)
                with { Drift = DriftAgainst(championModel, result) });
            if (verdict!.Promoted) registry.Promote(version, verdict.Reason);
            return new RegistryTrainResult(result with { ModelPath = registry.Version(version).BundlePath }, version, verdict);
        }
        finally
        {
            if (File.Exists(staging)) File.Delete(staging);
        }
    }
}
