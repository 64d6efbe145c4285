using System.Text.Json.Nodes;
using DeepLearning.Pipelines.Drift;
using DeepLearning.Pipelines.Evaluation;
using DeepLearning.Pipelines.Spec;
using DeepLearning.Pipelines.Transforms;

namespace DeepLearning.Pipelines.Bundle;

/// <summary>An input column the model reads.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Kind">numeric, categorical, text or boolean.</param>
public sealed record InputColumn(string Name, ColumnKind Kind);

/// <summary>A data file the model was trained or tested on.</summary>
/// <param name="Path">As given in the spec, resolved.</param>
/// <param name="Sha256">SHA-256 of its bytes.</param>
/// <param name="Rows">Rows read.</param>
public sealed record DataFileInfo(string Path, string Sha256, int Rows);

/// <summary>Where a model came from.</summary>
public sealed record Provenance
{
    /// <summary>The resolved spec (every default filled in).</summary>
    public required JsonNode Spec { get; init; }
    /// <summary>The spec file.</summary>
    public required string SpecPath { get; init; }
    /// <summary>Training data.</summary>
    public required DataFileInfo TrainData { get; init; }
    /// <summary>Test data, when a separate file.</summary>
    public DataFileInfo? TestData { get; init; }
    /// <summary>Rows the final model was fit on.</summary>
    public required int TrainRows { get; init; }
    /// <summary>Rows it was evaluated on.</summary>
    public required int TestRows { get; init; }
    /// <summary>Seed.</summary>
    public required int Seed { get; init; }
    /// <summary>Versions of the program and libraries.</summary>
    public required IReadOnlyDictionary<string, string> Versions { get; init; }
    /// <summary>cpu, or the CUDA device.</summary>
    public required string Device { get; init; }
    /// <summary>When training started (UTC).</summary>
    public required DateTimeOffset StartedAt { get; init; }
    /// <summary>Seconds from start to the bundle written.</summary>
    public required double DurationSeconds { get; init; }
}

/// <summary>A custom model stage saved by its own code rather than by ML.NET.</summary>
/// <param name="Kind">Its kind (see DeepLearning.Trainers.PortableTransformers).</param>
/// <param name="Entry">The zip folder its entries are in (ends with '/').</param>
public sealed record HeadInfo(string Kind, string Entry)
{
    /// <summary>Where a model of <paramref name="kind"/> goes: <c>torch/</c> for a TorchSharp network, else
    /// <c>heads/&lt;kind&gt;/</c>.</summary>
    public static string FolderFor(string kind) => kind.StartsWith("torch_", StringComparison.Ordinal) ? "torch/" : $"heads/{kind}/";
}

/// <summary>manifest.json of a model bundle. See README "Model bundle" for the layout.</summary>
public sealed record ModelManifest
{
    /// <summary>The bundle format this program writes; it reads this and older.</summary>
    public const int CurrentFormat = 1;

    /// <summary>Bundle format version.</summary>
    public int FormatVersion { get; init; } = CurrentFormat;
    /// <summary>Pipeline name.</summary>
    public required string Name { get; init; }
    /// <summary>Task.</summary>
    public required MlTask Task { get; init; }
    /// <summary>Trainer name.</summary>
    public required string Trainer { get; init; }
    /// <summary>Columns a prediction needs.</summary>
    public required IReadOnlyList<InputColumn> InputSchema { get; init; }
    /// <summary>Label column.</summary>
    public string? Label { get; init; }
    /// <summary>Class names in model order (classification); the second of two is the positive class.</summary>
    public IReadOnlyList<string>? Classes { get; init; }
    /// <summary>Clustering: k; dimensionality reduction: the rank.</summary>
    public int? OutputSize { get; init; }
    /// <summary>Anomaly: the score above which a row is an anomaly.</summary>
    public double? Threshold { get; init; }
    /// <summary>The featurisation steps, including the automatic ones.</summary>
    public required IReadOnlyList<FeatureStep> Featurization { get; init; }
    /// <summary>A custom model stage after the ML.NET chain, if any.</summary>
    public HeadInfo? Head { get; init; }
    /// <summary>Metrics on the test rows.</summary>
    public required EvaluationReport Metrics { get; init; }
    /// <summary>Cross-validation, when asked for.</summary>
    public CrossValidationReport? CrossValidation { get; init; }
    /// <summary>Neural trainers: loss per epoch and why training stopped (absent for other trainers and in older
    /// bundles, so format 1 readers are unaffected).</summary>
    public TrainingHistoryInfo? TrainingHistory { get; init; }
    /// <summary>Where the model came from.</summary>
    public required Provenance Provenance { get; init; }
    /// <summary>A profile of the training file's input columns (and class mix), the reference for drift checks.
    /// Optional within format 1: bundles written before it existed have none.</summary>
    public DataProfile? Profile { get; init; }
}
