namespace DeepLearning.Pipelines.Spec;

/// <summary>The <c>promotion</c> section: when a newly trained model replaces the registry's champion.</summary>
public sealed record PromotionSpec
{
    /// <summary>Metric.</summary>
    [Option("Metric compared on the same holdout; omitted: r_squared (regression), auc (binary), micro_accuracy (multiclass).")]
    public string? Metric { get; init; }

    /// <summary>Margin.</summary>
    [Option("Promote only when the challenger beats the champion by at least this much on the metric.", Min = 0)]
    public double MinImprovement { get; init; }

    /// <summary>Bootstrap.</summary>
    [Option("Paired bootstrap resamples of the holdout to test that the gain is real (0: no test).", Min = 0, Max = 100000)]
    public int Bootstrap { get; init; }

    /// <summary>Level.</summary>
    [Option("With bootstrap: promote only when the share of resamples where the challenger does not win is below this.", Min = 0, Max = 0.5, ExclusiveMin = true)]
    public double Significance { get; init; } = 0.05;

    /// <summary>Schema change.</summary>
    [Option("Allow promoting a model whose input columns, label or classes differ from the champion's.")]
    public bool AllowSchemaChange { get; init; }
}
