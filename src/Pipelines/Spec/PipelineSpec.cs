namespace DeepLearning.Pipelines.Spec;

/// <summary>A declarative pipeline: data, features, transforms, trainer and evaluation. Keys are snake_case.</summary>
public sealed record PipelineSpec
{
    /// <summary>Pipeline name.</summary>
    [Option("Name of the pipeline; it names the model.", Required = true)]
    public string Name { get; init; } = "";

    /// <summary>Task.</summary>
    [Option("What is learned.", Required = true)]
    public MlTask Task { get; init; }

    /// <summary>Data.</summary>
    [Option("Where the data comes from and how to read it.", Required = true)]
    public DataSpec Data { get; init; } = new();

    /// <summary>Label column.</summary>
    [Option("The column to predict. Required for regression, binary and multiclass; for clustering and anomaly it is used for evaluation only.")]
    public string? Label { get; init; }

    /// <summary>Feature columns.</summary>
    [Option("The input columns. Omitted: every column except the label and ignored columns.")]
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>Transforms in order.</summary>
    [Option("Transforms applied in order before the trainer; each is a one-key map such as `normalize: { method: min_max }`.")]
    public IReadOnlyList<TransformSpec> Transforms { get; init; } = [];

    /// <summary>Trainer.</summary>
    [Option("The trainer: `name` plus that trainer's options.", Required = true)]
    public TrainerSpec Trainer { get; init; } = new("", new object());

    /// <summary>Seed.</summary>
    [Option("Seed for splits, shuffles and trainers: same spec, data and seed give the same model.")]
    public int Seed { get; init; } = 42;

    /// <summary>Anomaly settings.</summary>
    [Option("For task anomaly: which label values are normal, what to train on, and the alarm threshold.")]
    public AnomalySpec Anomaly { get; init; } = new();

    /// <summary>Promotion gate.</summary>
    [Option("With `dlp train --registry`: when the new model replaces the champion.")]
    public PromotionSpec Promotion { get; init; } = new();

    /// <summary>Evaluation.</summary>
    [Option("How the model is evaluated.")]
    public EvaluateSpec Evaluate { get; init; } = new();
}
