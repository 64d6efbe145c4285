using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Drift;

/// <summary>Drift of one input column between the training data and new data.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Kind">Column kind.</param>
/// <param name="Psi">Population stability index over the training deciles (numeric) or categories (categorical);
/// null for text columns, whose values are not binned.</param>
/// <param name="TrainingMissingRate">Share of missing values in training.</param>
/// <param name="MissingRate">Share of missing values in the new data.</param>
/// <param name="MissingRateChange">New minus training missing rate.</param>
/// <param name="Verdict">none, moderate or major, from <paramref name="Psi"/>.</param>
/// <param name="Mean">Numeric: mean of the new data.</param>
/// <param name="TrainingMean">Numeric: mean in training.</param>
public sealed record ColumnDrift(
    string Name,
    ColumnKind Kind,
    double? Psi,
    double TrainingMissingRate,
    double MissingRate,
    double MissingRateChange,
    DriftLevel Verdict,
    double? Mean = null,
    double? TrainingMean = null);
