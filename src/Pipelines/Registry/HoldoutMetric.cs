using DeepLearning.Pipelines.Evaluation;
using DeepLearning.Pipelines.Prediction;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Registry;

/// <summary>The promotion metric computed from per-row predictions and true answers, so that the same code scores
/// champion and challenger on the same rows, and bootstrap resamples can be scored without re-running a model.</summary>
public sealed class HoldoutMetric
{
    private readonly Func<IReadOnlyList<PredictionResult>, int[], double> compute;

    private HoldoutMetric(string name, bool higherIsBetter, Func<IReadOnlyList<PredictionResult>, int[], double> compute)
    {
        Name = name;
        HigherIsBetter = higherIsBetter;
        this.compute = compute;
    }

    /// <summary>Metric name.</summary>
    public string Name { get; }

    /// <summary>Whether larger values are better.</summary>
    public bool HigherIsBetter { get; }

    /// <summary>The metric of <paramref name="predictions"/> over the rows in <paramref name="sample"/> (indexes, repeats allowed).</summary>
    public double Compute(IReadOnlyList<PredictionResult> predictions, int[] sample) => compute(predictions, sample);

    /// <summary>The default metric of a task.</summary>
    public static string DefaultFor(MlTask task) => task switch
    {
        MlTask.Regression => "r_squared",
        MlTask.Binary => "auc",
        MlTask.Multiclass => "micro_accuracy",
        _ => throw new SpecException(new SpecError(null, "promotion", $"promotion needs a labelled task; {SnakeCase.Of(task)} has no holdout metric to compare")),
    };

    /// <summary>The metric <paramref name="name"/> for <paramref name="task"/>, given each holdout row's true class
    /// (<paramref name="truthClasses"/>) or true number (<paramref name="truthValues"/>, regression).</summary>
    public static HoldoutMetric For(MlTask task, string name, IReadOnlyList<string> truthClasses, IReadOnlyList<float> truthValues, string? positiveClass)
    {
        SpecException Unknown(params string[] allowed) =>
            new(new SpecError(null, "promotion.metric", $"received '{name}'; allowed for {SnakeCase.Of(task)}: {string.Join(", ", allowed)}"));
        return task switch
        {
            MlTask.Regression => name switch
            {
                "r_squared" => new(name, true, (p, s) =>
                {
                    double mean = s.Average(i => truthValues[i]);
                    double residual = s.Sum(i => Sq(truthValues[i] - p[i].Value!.Value)), total = s.Sum(i => Sq(truthValues[i] - mean));
                    return total == 0 ? 0 : 1 - residual / total;
                }),
                "rmse" => new(name, false, (p, s) => Math.Sqrt(s.Average(i => Sq(truthValues[i] - p[i].Value!.Value)))),
                "mae" => new(name, false, (p, s) => s.Average(i => Math.Abs(truthValues[i] - p[i].Value!.Value))),
                "mse" => new(name, false, (p, s) => s.Average(i => Sq(truthValues[i] - p[i].Value!.Value))),
                _ => throw Unknown("r_squared", "rmse", "mae", "mse"),
            },
            MlTask.Binary => name switch
            {
                "auc" => new(name, true, (p, s) =>
                {
                    var pairs = s.Select(i => (p[i].Probability!.Value, truthClasses[i] == positiveClass ? 1 : 0)).ToList();
                    return pairs.Any(x => x.Item2 == 1) && pairs.Any(x => x.Item2 == 0) ? AgreementMetrics.Auc(pairs) : 0.5;
                }),
                "accuracy" => new(name, true, (p, s) => s.Average(i => p[i].Label == truthClasses[i] ? 1.0 : 0.0)),
                "log_loss" => new(name, false, (p, s) => s.Average(i => -Math.Log(Math.Clamp(truthClasses[i] == positiveClass ? p[i].Probability!.Value : 1 - p[i].Probability!.Value, 1e-15, 1)))),
                _ => throw Unknown("auc", "accuracy", "log_loss"),
            },
            MlTask.Multiclass => name switch
            {
                "micro_accuracy" => new(name, true, (p, s) => s.Average(i => p[i].Label == truthClasses[i] ? 1.0 : 0.0)),
                "macro_accuracy" => new(name, true, (p, s) => s.GroupBy(i => truthClasses[i]).Average(g => g.Average(i => p[i].Label == truthClasses[i] ? 1.0 : 0.0))),
                "log_loss" => new(name, false, (p, s) => s.Average(i => -Math.Log(Math.Clamp(p[i].Probabilities!.GetValueOrDefault(truthClasses[i]), 1e-15, 1)))),
                _ => throw Unknown("micro_accuracy", "macro_accuracy", "log_loss"),
            },
            _ => throw Unknown(),
        };
    }

    private static double Sq(double x) => x * x;
}
