namespace DeepLearning.Pipelines.Evaluation;

/// <summary>Counts of actual (rows) against predicted (columns) classes.</summary>
/// <param name="Classes">Class names, in row/column order.</param>
/// <param name="Counts">Counts[actual][predicted].</param>
public sealed record ConfusionMatrix(IReadOnlyList<string> Classes, IReadOnlyList<IReadOnlyList<long>> Counts);

/// <summary>Precision and recall of one class.</summary>
public sealed record ClassMetrics(double Precision, double Recall);

/// <summary>Metrics of one evaluation, names in snake_case (r_squared, auc, micro_accuracy, …).</summary>
/// <param name="Metrics">Scalar metrics.</param>
/// <param name="Rows">Rows evaluated.</param>
/// <param name="ConfusionMatrix">For classification.</param>
/// <param name="PerClass">For multiclass: precision and recall per class.</param>
public sealed record EvaluationReport(
    IReadOnlyDictionary<string, double> Metrics,
    long Rows,
    ConfusionMatrix? ConfusionMatrix = null,
    IReadOnlyDictionary<string, ClassMetrics>? PerClass = null);

/// <summary>Mean and standard deviation of a metric over folds.</summary>
public sealed record FoldSummary(double Mean, double Std);

/// <summary>Cross-validation result.</summary>
/// <param name="Folds">Number of folds.</param>
/// <param name="Metrics">Each metric's mean and (population) standard deviation over the folds.</param>
/// <param name="PerFold">Each fold's metrics.</param>
public sealed record CrossValidationReport(int Folds, IReadOnlyDictionary<string, FoldSummary> Metrics, IReadOnlyList<IReadOnlyDictionary<string, double>> PerFold)
{
    /// <summary>Summarises fold reports.</summary>
    public static CrossValidationReport From(IReadOnlyList<EvaluationReport> folds)
    {
        var names = folds[0].Metrics.Keys.Where(k => folds.All(f => f.Metrics.ContainsKey(k)));
        var summary = names.ToDictionary(k => k, k =>
        {
            var values = folds.Select(f => f.Metrics[k]).ToArray();
            double mean = values.Average();
            return new FoldSummary(mean, Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average()));
        });
        return new CrossValidationReport(folds.Count, summary, folds.Select(f => f.Metrics).ToList());
    }
}
