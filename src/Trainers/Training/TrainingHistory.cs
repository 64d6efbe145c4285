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
public sealed record TrainingHistory(
    IReadOnlyList<double> TrainLoss,
    IReadOnlyList<double> ValidationLoss,
    IReadOnlyList<double> LearningRates,
    int BestEpoch,
    bool StoppedEarly,
    Divergence? Diverged,
    IReadOnlyList<double>? TrainAccuracy = null,
    IReadOnlyList<double>? ValidationAccuracy = null)
{
    /// <summary>Epochs that ran.</summary>
    public int Epochs => TrainLoss.Count;
}
