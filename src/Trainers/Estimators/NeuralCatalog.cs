using DeepLearning.Trainers.Training;
using Microsoft.ML;

namespace DeepLearning.Trainers.Estimators;

/// <summary>ML.NET-style entry points: <c>mlContext.Regression.Trainers.Mlp(...)</c> and the like.</summary>
public static class NeuralCatalog
{
    /// <summary>A regression network; <paramref name="options"/>' task is set to regression.</summary>
    public static NeuralEstimator Mlp(this RegressionCatalog.RegressionTrainers catalog, NeuralEstimator.Options? options = null, IProgress<EpochProgress>? progress = null) =>
        new((options ?? new(NeuralTask.Regression)) with { Task = NeuralTask.Regression }, progress);

    /// <summary>A binary classification network; <paramref name="options"/>' task is set to binary.</summary>
    public static NeuralEstimator Mlp(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog, NeuralEstimator.Options? options = null, IProgress<EpochProgress>? progress = null) =>
        new((options ?? new(NeuralTask.Binary)) with { Task = NeuralTask.Binary }, progress);

    /// <summary>A multiclass network (label: a key column); <paramref name="options"/>' task is set to multiclass.</summary>
    public static NeuralEstimator Mlp(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, NeuralEstimator.Options? options = null, IProgress<EpochProgress>? progress = null) =>
        new((options ?? new(NeuralTask.Multiclass)) with { Task = NeuralTask.Multiclass }, progress);
}
