using DeepLearning.Pipelines.Evaluation;
using DeepLearning.Pipelines.Spec;
using DeepLearning.Trainers.Training;

namespace DeepLearning.Pipelines.Running;

/// <summary>One point of a sweep grid and how its training went.</summary>
/// <param name="Settings">key.path → value for this run.</param>
/// <param name="Status">ok, or diverged.</param>
/// <param name="Metrics">Test metrics (ok runs).</param>
/// <param name="CrossValidation">Cross-validation, when the spec asks for it.</param>
/// <param name="DivergedAtEpoch">Diverged runs: the epoch the loss blew up.</param>
/// <param name="Message">Diverged runs: what the training loop said.</param>
/// <param name="TrainLoss">Neural trainers: the training loss per epoch, up to the end or the divergence.</param>
public sealed record SweepRun(
    IReadOnlyDictionary<string, string> Settings,
    string Status,
    IReadOnlyDictionary<string, double>? Metrics,
    CrossValidationReport? CrossValidation,
    int? DivergedAtEpoch,
    string? Message,
    IReadOnlyList<double>? TrainLoss);

/// <summary>A finished sweep.</summary>
/// <param name="Metric">The metric that picks the best run.</param>
/// <param name="HigherIsBetter">Its direction.</param>
/// <param name="Runs">Every run, in grid order.</param>
/// <param name="Best">Index of the best run, or null when every run diverged.</param>
public sealed record SweepResult(string Metric, bool HigherIsBetter, IReadOnlyList<SweepRun> Runs, int? Best);

/// <summary>Trains a spec once per combination of values (`--set key=v1,v2,…`, several keys make a grid), with a
/// bound on runs at once; marks diverged runs and picks the best by a declared metric.</summary>
public static class SweepRunner
{
    private static readonly HashSet<string> LowerIsBetter = ["rmse", "mae", "mse", "log_loss", "average_distance", "davies_bouldin_index", "false_positive_rate"];

    /// <summary>Expands <paramref name="axes"/> (key → values) into every combination, in order.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Grid(IReadOnlyList<(string Key, IReadOnlyList<string> Values)> axes)
    {
        IEnumerable<Dictionary<string, string>> grid = [new Dictionary<string, string>()];
        foreach (var (key, values) in axes)
            grid = grid.SelectMany(point => values.Select(v => new Dictionary<string, string>(point) { [key] = v }));
        return grid.ToList();
    }

    /// <summary>Splits `v1,v2,…` at commas outside brackets, braces and quotes (so `[a,b]` stays one value).</summary>
    public static IReadOnlyList<string> SplitValues(string text)
    {
        var values = new List<string>();
        int depth = 0, start = 0;
        char quote = '\0';
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quote != '\0') { if (c == quote) quote = '\0'; continue; }
            if (c is '"' or '\'') quote = c;
            else if (c is '[' or '{') depth++;
            else if (c is ']' or '}') depth--;
            else if (c == ',' && depth == 0) { values.Add(text[start..i].Trim()); start = i + 1; }
        }
        values.Add(text[start..].Trim());
        return values;
    }

    /// <summary>Runs the sweep. Every combination's spec is checked before any training starts, so a typo in the
    /// last value fails at once rather than after an hour.</summary>
    public static SweepResult Run(string specPath, IReadOnlyList<string> fixedOverrides, IReadOnlyList<(string Key, IReadOnlyList<string> Values)> axes,
        string? metric, int parallel, IProgress<string>? progress = null)
    {
        var grid = Grid(axes);
        var specs = grid.Select(point => SpecLoader.Load(specPath, fixedOverrides.Concat(point.Select(p => $"{p.Key}={p.Value}")).ToList())).ToList();
        var task = specs[0].Spec.Task;
        metric ??= task.IsSupervised() ? Registry.HoldoutMetric.DefaultFor(task)
            : task == MlTask.Reinforcement ? "mean_return"
            : task == MlTask.Clustering ? "davies_bouldin_index" : task == MlTask.Anomaly ? "auc" : "explained_variance_ratio";
        var runs = new SweepRun[grid.Count];
        int done = 0;
        Parallel.For(0, grid.Count, new ParallelOptions { MaxDegreeOfParallelism = parallel }, i =>
        {
            runs[i] = RunOne(specs[i], grid[i]);
            progress?.Report($"run {Interlocked.Increment(ref done)}/{grid.Count}: {string.Join(", ", grid[i].Select(p => $"{p.Key}={p.Value}"))} → {runs[i].Status}");
        });
        if (runs.FirstOrDefault(r => r.Metrics is not null && !r.Metrics.ContainsKey(metric)) is { } missing)
            throw new SpecException(new SpecError(null, "--metric", $"received '{metric}'; the runs report: {string.Join(", ", missing.Metrics!.Keys)}"));
        bool higher = !LowerIsBetter.Contains(metric);
        var scored = runs.Select((r, i) => (r, i)).Where(x => x.r.Metrics is not null && !double.IsNaN(x.r.Metrics[metric])).ToList();
        int? best = scored.Count == 0 ? null
            : (higher ? scored.MaxBy(x => x.r.Metrics![metric]) : scored.MinBy(x => x.r.Metrics![metric])).i;
        return new SweepResult(metric, higher, runs, best);
    }

    private static SweepRun RunOne(LoadedSpec spec, IReadOnlyDictionary<string, string> settings)
    {
        try
        {
            if (spec.Spec.Task == MlTask.Reinforcement)
            {
                // The policy's evaluation episodes are its metrics; the return curve is not a loss to plot.
                var trained = new ReinforcementTrainer().Train(spec, outputPath: null);
                trained.Model.Dispose();
                return new SweepRun(settings, "ok", trained.Manifest.Metrics.Metrics, null, null, null, null);
            }
            var result = new PipelineTrainer().Train(spec, outputPath: null);
            return new SweepRun(settings, "ok", result.Manifest.Metrics.Metrics, result.Manifest.CrossValidation, null, null, result.TrainLoss);
        }
        catch (TrainingDivergedException e)
        {
            return new SweepRun(settings, "diverged", null, null, e.Epoch, e.Message, e.History.TrainLoss);
        }
    }
}
