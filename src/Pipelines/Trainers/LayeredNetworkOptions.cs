using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Trainers;

/// <summary>The training-loop keys every layered network trainer (`mlp`, `cnn`, `autoencoder`) takes, declared once so
/// the spec, its validation and `dlp schema` say the same for all of them. A trainer with other defaults sets them in
/// its constructor.</summary>
public abstract record LayeredNetworkOptions : INeuralTrainingOptions
{
    /// <summary>Optimiser.</summary>
    [Option("Optimiser, e.g. `{ name: adam, learning_rate: 0.001 }`.")]
    public OptimizerSpec Optimizer { get; init; } = new();

    /// <summary>Schedule.</summary>
    [Option("Learning-rate schedule, e.g. `{ name: cosine }`.")]
    public ScheduleSpec Schedule { get; init; } = new();

    /// <summary>Passes.</summary>
    [Option("Passes over the data (at most, with early stopping).", Min = 1)]
    public int Epochs { get; init; } = 100;

    /// <summary>Batch.</summary>
    [Option("Rows per gradient step; 0: the whole training set.", Min = 0)]
    public int BatchSize { get; init; } = 32;

    /// <summary>Shuffle.</summary>
    [Option("Reshuffle the training rows every epoch (seeded).")]
    public bool Shuffle { get; init; } = true;

    /// <summary>Validation.</summary>
    [Option("Fraction of the training rows held out for validation loss (and early stopping).", Min = 0, Max = 1, ExclusiveMax = true)]
    public double ValidationFraction { get; init; }

    /// <summary>Early stopping.</summary>
    [Option("Stop when the monitored loss stops improving; omitted: run every epoch.")]
    public EarlyStoppingSpec? EarlyStopping { get; init; }

    /// <summary>Data cache.</summary>
    [Option("Where the training rows live: memory (one featurised copy, fastest), stream (read again every epoch: memory stays at the shuffle buffer and a batch) or auto (memory up to 64 MiB of features, else stream).")]
    public DeepLearning.Trainers.Training.DataCache Cache { get; init; } = DeepLearning.Trainers.Training.DataCache.Auto;

    /// <summary>Shuffle pool.</summary>
    [Option("Streaming: rows in the shuffle pool (a uniform shuffle when it holds every row).", Min = 1)]
    public int ShuffleBuffer { get; init; } = DeepLearning.Trainers.Training.StreamingData.DefaultShuffleBuffer;

    /// <summary>Threads.</summary>
    [Option("libtorch threads; 1 is fastest for small networks on few cores.", Min = 1)]
    public int Threads { get; init; } = 1;
    /// <summary>Device.</summary>
    [Option("Where to train: auto (CUDA when libtorch's CUDA backend loads and a GPU is visible, else cpu), cpu, cuda or cuda:N.")]
    public string Device { get; init; } = "auto";
    /// <summary>Checkpoints.</summary>
    [Option("Save a checkpoint (<model>.checkpoint) every N epochs of the final fit, for `dlp train --resume`; 0: off.", Min = 0)]
    public int CheckpointEvery { get; init; }
}
