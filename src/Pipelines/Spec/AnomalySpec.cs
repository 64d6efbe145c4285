namespace DeepLearning.Pipelines.Spec;

/// <summary>The <c>anomaly</c> section (task anomaly).</summary>
public sealed record AnomalySpec
{
    /// <summary>Normal label values.</summary>
    [Option("Label values that mean normal; any other label value is an anomaly (the label is used for evaluation only).", MinItems = 1)]
    public IReadOnlyList<string> NormalValues { get; init; } = ["0"];

    /// <summary>Training rows.</summary>
    [Option("Train on the rows labelled normal only (true), or on every training row (false). Without a label: every row.")]
    public bool TrainOnNormalOnly { get; init; } = true;

    /// <summary>Fixed threshold.</summary>
    [Option("Score above which a row is an anomaly; omitted: chosen on held-out normal training rows for `false_positive_rate`.")]
    public double? Threshold { get; init; }

    /// <summary>Target FPR.</summary>
    [Option("The share of normal rows allowed above the chosen threshold.", Min = 0, Max = 0.5, ExclusiveMin = true)]
    public double FalsePositiveRate { get; init; } = 0.01;

    /// <summary>Validation share.</summary>
    [Option("Share of the normal training rows held out to choose the threshold.", Min = 0, Max = 0.5, ExclusiveMin = true)]
    public double ValidationFraction { get; init; } = 0.2;
}
