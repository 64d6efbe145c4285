namespace DeepLearning.Trainers.Training;

/// <summary>Training stopped because the loss diverged; carries the epoch and the learning rate.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception from what the loop saw.</summary>
    public TrainingDivergedException(Divergence divergence, TrainingHistory history) : base(divergence.Message)
    {
        Divergence = divergence;
        History = history;
    }

    /// <summary>Where and how it diverged.</summary>
    public Divergence Divergence { get; }

    /// <summary>1-based epoch at which the loss blew up.</summary>
    public int Epoch => Divergence.Epoch;

    /// <summary>The learning rate in use then.</summary>
    public double LearningRate => Divergence.LearningRate;

    /// <summary>The losses up to the divergence.</summary>
    public TrainingHistory History { get; }
}
