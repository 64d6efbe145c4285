using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Drift;

/// <summary>What the training data looked like in one input column; the reference that drift is measured against.</summary>
public sealed record ColumnProfile
{
    /// <summary>Column name.</summary>
    public required string Name { get; init; }
    /// <summary>Column kind.</summary>
    public required ColumnKind Kind { get; init; }
    /// <summary>Rows with a value.</summary>
    public required int Count { get; init; }
    /// <summary>Share of rows without a value.</summary>
    public required double MissingRate { get; init; }
    /// <summary>Numeric: smallest value.</summary>
    public double? Min { get; init; }
    /// <summary>Numeric: largest value.</summary>
    public double? Max { get; init; }
    /// <summary>Numeric: mean.</summary>
    public double? Mean { get; init; }
    /// <summary>Numeric: standard deviation (population).</summary>
    public double? Std { get; init; }
    /// <summary>Numeric: the nine decile edges (10th … 90th percentile); they cut the values into ten bins.</summary>
    public IReadOnlyList<double>? Deciles { get; init; }
    /// <summary>Numeric: share of the present training values in each of the ten bins. Ties make bins uneven
    /// (a 0/1 column fills two), so drift compares against these shares rather than a flat 10 %.</summary>
    public IReadOnlyList<double>? BinShares { get; init; }
    /// <summary>Categorical: the most frequent categories (at most <see cref="DataProfile.CategoryCap"/>) with their
    /// share of the present values; the rest are pooled as "other" when drift is measured.</summary>
    public IReadOnlyDictionary<string, double>? Categories { get; init; }
}
