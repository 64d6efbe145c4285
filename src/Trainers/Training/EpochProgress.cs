namespace DeepLearning.Trainers.Training;

/// <summary>Reported after each epoch; the caller decides how to show it.</summary>
/// <param name="Epoch">1-based epoch just finished.</param>
/// <param name="Epochs">Epochs planned.</param>
/// <param name="TrainLoss">Mean training loss over the epoch.</param>
/// <param name="ValidationLoss">Loss on the held-out rows after the epoch, when there are any.</param>
/// <param name="LearningRate">The learning rate used in the epoch.</param>
public sealed record EpochProgress(int Epoch, int Epochs, double TrainLoss, double? ValidationLoss, double LearningRate);
