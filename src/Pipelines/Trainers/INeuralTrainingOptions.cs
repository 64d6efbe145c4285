namespace DeepLearning.Pipelines.Trainers;

/// <summary>The training-loop keys every layered neural trainer takes (mlp, autoencoder): one mapping to the loop's
/// <see cref="DeepLearning.Trainers.Training.TrainingOptions"/> serves them all, so they train alike.</summary>
public interface INeuralTrainingOptions
{
    /// <summary>Optimiser.</summary>
    OptimizerSpec Optimizer { get; }

    /// <summary>Learning-rate schedule.</summary>
    ScheduleSpec Schedule { get; }

    /// <summary>Passes over the data.</summary>
    int Epochs { get; }

    /// <summary>Rows per gradient step; 0: all.</summary>
    int BatchSize { get; }

    /// <summary>Reshuffle every epoch.</summary>
    bool Shuffle { get; }

    /// <summary>Share of the rows held out for validation loss.</summary>
    double ValidationFraction { get; }

    /// <summary>Early stopping, or null.</summary>
    EarlyStoppingSpec? EarlyStopping { get; }

    /// <summary>Training rows in memory or streamed.</summary>
    DeepLearning.Trainers.Training.DataCache Cache { get; }

    /// <summary>Streaming: rows in the shuffle pool.</summary>
    int ShuffleBuffer { get; }

    /// <summary>libtorch threads.</summary>
    int Threads { get; }

    /// <summary>auto, cpu, cuda or cuda:N.</summary>
    string Device { get; }

    /// <summary>Checkpoint every N epochs; 0: off.</summary>
    int CheckpointEvery { get; }
}
