namespace DeepLearning.Trainers.Training;

/// <summary>What happened in training, epoch by epoch (the manifest can store it).</summary>
/// <param name="TrainLoss">Mean training loss per epoch run.</param>
/// <param name="ValidationLoss">Validation loss per epoch; empty when nothing was held out.</param>
/// <param name="LearningRates">The learning rate of each epoch.</param>
/// <param name="BestEpoch">1-based epoch of the lowest monitored loss (0 when none finished).</param>
/// <param name="StoppedEarly">Early stopping ended training before the last planned epoch.</param>
/// <param name="Diverged">Set when the loss diverged.</param>
/// <param name="TrainAccuracy">Classification: share of training rows classified right during each epoch (as the
/// weights moved, like Keras's running metric); empty for regression.</param>
/// <param name="ValidationAccuracy">Classification: accuracy on the validation rows after each epoch.</param>
/// <param name="Steps">Optimiser steps taken (mini-batches over all epochs run).</param>
/// <param name="TrainSeconds">Wall-clock seconds of the epoch loop alone (steps, per-epoch validation and bookkeeping;
/// not reading the data, building the network or copying it to the device), so speed can be compared with other
/// libraries' training loops.</param>
public sealed record TrainingHistory(
    IReadOnlyList<double> TrainLoss,
    IReadOnlyList<double> ValidationLoss,
    IReadOnlyList<double> LearningRates,
    int BestEpoch,
    bool StoppedEarly,
    Divergence? Diverged,
    IReadOnlyList<double>? TrainAccuracy = null,
    IReadOnlyList<double>? ValidationAccuracy = null,
    long Steps = 0,
    double TrainSeconds = 0)
{
    /// <summary>Epochs that ran.</summary>
    public int Epochs => TrainLoss.Count;

    /// <summary>Optimiser steps per second of the epoch loop; 0 when nothing was timed. Derived, so not stored
    /// (a stored copy could disagree with <see cref="Steps"/> and <see cref="TrainSeconds"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public double StepsPerSecond => TrainSeconds > 0 ? Steps / TrainSeconds : 0;
}
