using DeepLearning.Trainers.Training;

namespace DeepLearning.Pipelines.Bundle;

/// <summary>A neural model's loss per epoch, as the manifest stores it (<c>training_history</c>).</summary>
/// <param name="Epochs">1-based epochs that ran.</param>
/// <param name="TrainLoss">Mean training loss of each epoch.</param>
/// <param name="ValidationLoss">Validation loss of each epoch; empty when nothing was held out.</param>
/// <param name="BestEpoch">1-based epoch of the lowest monitored loss (validation when held out, else training).</param>
/// <param name="Stopped"><c>completed</c>, or <c>early_stopping at epoch N</c>.</param>
/// <param name="TrainAccuracy">Classification: running accuracy on the training rows in each epoch.</param>
/// <param name="ValidationAccuracy">Classification: accuracy on the validation rows after each epoch.</param>
/// <param name="Steps">Optimiser steps taken; null in manifests written before it was recorded.</param>
/// <param name="TrainSeconds">Seconds of the epoch loop alone (not data loading or evaluation): what benchmarks compare.</param>
/// <param name="StepsPerSecond"><paramref name="Steps"/> / <paramref name="TrainSeconds"/>, stored so readers of the
/// manifest (bench/run.sh) need no arithmetic.</param>
public sealed record TrainingHistoryInfo(
    IReadOnlyList<int> Epochs,
    IReadOnlyList<double> TrainLoss,
    IReadOnlyList<double> ValidationLoss,
    int BestEpoch,
    string Stopped,
    IReadOnlyList<double>? TrainAccuracy = null,
    IReadOnlyList<double>? ValidationAccuracy = null,
    long? Steps = null,
    double? TrainSeconds = null,
    double? StepsPerSecond = null)
{
    /// <summary>The manifest form of a trainer's <paramref name="history"/>.</summary>
    public static TrainingHistoryInfo From(TrainingHistory history) => new(
        Enumerable.Range(1, history.Epochs).ToList(),
        history.TrainLoss,
        history.ValidationLoss,
        history.BestEpoch,
        history.StoppedEarly ? $"early_stopping at epoch {history.Epochs}" : "completed",
        history.TrainAccuracy is { Count: > 0 } train ? train : null,
        history.ValidationAccuracy is { Count: > 0 } validation ? validation : null,
        history.Steps,
        history.TrainSeconds,
        history.StepsPerSecond);

    /// <summary>One line for people: epochs run, best epoch, final losses.</summary>
    public string Summary()
    {
        var last = TrainLoss.Count > 0 ? $", final train loss {TrainLoss[^1]:G4}" : "";
        var validation = ValidationLoss.Count > 0 ? $", validation loss {ValidationLoss[^1]:G4}" : "";
        return $"{Epochs.Count} epoch(s), best epoch {BestEpoch}{last}{validation}; {Stopped}";
    }
}
