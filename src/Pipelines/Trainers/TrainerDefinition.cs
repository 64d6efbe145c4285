using DeepLearning.Trainers.Training;
using DeepLearning.Pipelines.Spec;
using Microsoft.ML;

namespace DeepLearning.Pipelines.Trainers;

/// <summary>The scaling a trainer needs of plain numeric features.</summary>
public enum FeatureScaling
{
    /// <summary>None (trees, closed-form least squares).</summary>
    None,
    /// <summary>Divide by the standard deviation.</summary>
    MeanVariance,
    /// <summary>Subtract the mean and divide by the standard deviation: naive Bayes reads a feature as present
    /// when it is above zero, so centred features mean "above the training mean".</summary>
    Centered,
}

/// <summary>What a trainer factory is given: the ML context and the columns to read.</summary>
/// <param name="Ml">The ML.NET context (carries the seed).</param>
/// <param name="Label">Label column name (a key column for multiclass, Boolean for binary, Single for regression).</param>
/// <param name="Features">The feature vector column name.</param>
/// <param name="Seed">The pipeline seed.</param>
/// <param name="Progress">Hears about every epoch of a neural trainer (ML.NET's trainers report nothing).</param>
/// <param name="Checkpoints">Where a neural trainer saves checkpoints and finds one to resume from; null: the fit does not checkpoint (cross-validation folds, ML.NET trainers).</param>
/// <param name="Image">The shape of the images when the data are images (<c>data.image</c>): the features are then their pixels.</param>
/// <param name="Rows">Training rows the trainer is fitted on (0: not known), for defaults that depend on the size.</param>
public sealed record TrainerContext(MLContext Ml, string Label, string Features, int Seed, IProgress<EpochProgress>? Progress = null, ICheckpointStore? Checkpoints = null, ImageSpec? Image = null, long Rows = 0);

/// <summary>A trainer that a spec can name: its options record, the tasks it does, and what it needs from the
/// features so that a spec that says nothing about transforms still gets a good result.</summary>
/// <param name="Name">Spec name.</param>
/// <param name="Description">One line for `dlp schema` and the docs.</param>
/// <param name="OptionsType">The options record bound from the spec.</param>
/// <param name="Factories">One estimator factory per task the trainer does.</param>
/// <param name="Scaling">How the trainer wants plain numeric features scaled when the spec has no
/// <c>normalize</c> transform: linear and gradient methods converge badly on unscaled features.</param>
/// <param name="HandlesMissing">Trees route NaN; linear models need <c>replace_missing</c>.</param>
/// <param name="Calibrated">Binary: the trainer itself outputs a probability (else a Platt calibrator is added).</param>
/// <param name="ScalingOf">When the options decide the scaling (e.g. `standardize: false`), how.</param>
/// <param name="HoldsRows">The trainer reads its rows once into memory of its own, so ML.NET's cache of the
/// featurised rows would only be a second copy (and its cross-thread cursor costs more than the fit on small sets).</param>
public sealed record TrainerDefinition(
    string Name,
    string Description,
    Type OptionsType,
    IReadOnlyDictionary<MlTask, Func<TrainerContext, object, IEstimator<ITransformer>>> Factories,
    FeatureScaling Scaling,
    bool HandlesMissing,
    bool Calibrated = true,
    Func<object, FeatureScaling>? ScalingOf = null,
    bool HoldsRows = false)
{
    /// <summary>The scaling for these options: a trainer may let its options turn scaling off.</summary>
    public FeatureScaling ScalingFor(object options) => ScalingOf?.Invoke(options) ?? Scaling;

    /// <summary>The tasks this trainer does.</summary>
    public IEnumerable<MlTask> Tasks => Factories.Keys;
}
