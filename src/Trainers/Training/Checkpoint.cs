namespace DeepLearning.Trainers.Training;

/// <summary>Everything the training loop needs to carry on after <see cref="Epoch"/> as if it had never stopped.
/// Plain arrays, so a store can write it in any format without knowing TorchSharp.</summary>
public sealed record Checkpoint
{
    /// <summary>Epochs finished (1-based count): training resumes at this 0-based epoch.</summary>
    public required int Epoch { get; init; }

    /// <summary>The network's parameters in <c>parameters()</c> order, each flattened row-major.</summary>
    public required IReadOnlyList<float[]> Weights { get; init; }

    /// <summary>The optimiser's state (momentum buffers, Adam's moments and step count) in TorchSharp's
    /// <c>save_state_dict</c> format: opaque bytes, read back only by the same optimiser kind.</summary>
    public required byte[] OptimizerState { get; init; }

    /// <summary>libtorch's CPU generator state (dropout masks draw from it), so dropout continues the same sequence.</summary>
    public required byte[] RandomState { get; init; }

    /// <summary>Mean training loss of each finished epoch.</summary>
    public required IReadOnlyList<double> TrainLoss { get; init; }

    /// <summary>Validation loss of each finished epoch (empty when nothing is held out).</summary>
    public IReadOnlyList<double> ValidationLoss { get; init; } = [];

    /// <summary>Training accuracy of each finished epoch (classification).</summary>
    public IReadOnlyList<double> TrainAccuracy { get; init; } = [];

    /// <summary>Validation accuracy of each finished epoch (classification with a validation fraction).</summary>
    public IReadOnlyList<double> ValidationAccuracy { get; init; } = [];

    /// <summary>The learning rate of each finished epoch.</summary>
    public required IReadOnlyList<double> LearningRates { get; init; }

    /// <summary>Early stopping: the lowest monitored loss so far.</summary>
    public double BestLoss { get; init; }

    /// <summary>Early stopping: the 1-based epoch of <see cref="BestLoss"/>.</summary>
    public int BestEpoch { get; init; }

    /// <summary>Early stopping: epochs since <see cref="BestEpoch"/> without improvement.</summary>
    public int SinceBest { get; init; }

    /// <summary>Early stopping with restore_best: the weights of <see cref="BestEpoch"/>; null otherwise.</summary>
    public IReadOnlyList<float[]>? BestWeights { get; init; }
}

/// <summary>Where the training loop saves checkpoints and finds one to resume from. The trainer knows no files:
/// the caller decides where a checkpoint lives and checks that it belongs to the same job.</summary>
public interface ICheckpointStore
{
    /// <summary>Keeps <paramref name="checkpoint"/>, replacing any earlier one.</summary>
    void Save(Checkpoint checkpoint);

    /// <summary>The checkpoint to resume from, or null to train from scratch.</summary>
    Checkpoint? Load();
}
