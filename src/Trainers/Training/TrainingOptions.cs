using DeepLearning.Trainers.Devices;
using DeepLearning.Trainers.Optimization;

namespace DeepLearning.Trainers.Training;

/// <summary>How the training loop runs.</summary>
public sealed record TrainingOptions
{
    /// <summary>Passes over the training rows.</summary>
    public int Epochs { get; init; } = 100;

    /// <summary>Rows per mini-batch; 0: the whole training set (full-batch gradient descent).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Reshuffle the training rows every epoch (seeded).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Fraction of the rows held out to measure validation loss (0: none).</summary>
    public double ValidationFraction { get; init; }

    /// <summary>Early stopping; null: run every epoch.</summary>
    public EarlyStoppingOptions? EarlyStopping { get; init; }

    /// <summary>Optimiser.</summary>
    public OptimizerOptions Optimizer { get; init; } = new();

    /// <summary>Learning-rate schedule.</summary>
    public ScheduleOptions Schedule { get; init; } = new();

    /// <summary>Seed of weight initialisation, dropout, shuffling and the validation split.</summary>
    public int Seed { get; init; }

    /// <summary>libtorch's intra-op threads. 1 is the default: small networks on few cores run several times
    /// faster on one thread than on all (thread hand-off costs more than the arithmetic).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Where to train: auto (CUDA when usable, else CPU), cpu, cuda or cuda:N.</summary>
    public DeviceRequest Device { get; init; } = DeviceRequest.Auto;

    /// <summary>Whether the rows are held in memory for training or read again from the data every epoch.</summary>
    public DataCache Cache { get; init; } = DataCache.Auto;

    /// <summary>Rows in the shuffle pool when streaming (see <see cref="StreamingData"/>).</summary>
    public int ShuffleBuffer { get; init; } = StreamingData.DefaultShuffleBuffer;

    /// <summary>Save a checkpoint to <see cref="Checkpoints"/> every this many epochs; 0: never.</summary>
    public int CheckpointEvery { get; init; }

    /// <summary>Where checkpoints go and where a resumed run finds one; null: no checkpoints, no resume. A store that
    /// holds a checkpoint resumes training after its epoch even when <see cref="CheckpointEvery"/> is 0.</summary>
    public ICheckpointStore? Checkpoints { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> for an out-of-range value.</summary>
    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentException($"epochs must be ≥ 1; received {Epochs}");
        if (BatchSize < 0) throw new ArgumentException($"batch size must be ≥ 0 (0: full batch); received {BatchSize}");
        if (ValidationFraction is < 0 or >= 1 || double.IsNaN(ValidationFraction))
            throw new ArgumentException($"validation fraction must be in [0, 1); received {ValidationFraction}");
        if (EarlyStopping is { Patience: < 1 } e) throw new ArgumentException($"early stopping patience must be ≥ 1; received {e.Patience}");
        if (EarlyStopping is { MinDelta: < 0 } m) throw new ArgumentException($"early stopping min_delta must be ≥ 0; received {m.MinDelta}");
        if (CheckpointEvery < 0) throw new ArgumentException($"checkpoint_every must be ≥ 0 (0: off); received {CheckpointEvery}");
        if (ShuffleBuffer < 1) throw new ArgumentException($"shuffle buffer must be ≥ 1 row; received {ShuffleBuffer}");
        if (Cache == DataCache.Stream && BatchSize == 0)
            throw new ArgumentException("full-batch gradient descent (batch size 0) needs the rows in memory; set a batch size, or cache: memory");
        if (Threads < 1) throw new ArgumentException($"threads must be ≥ 1; received {Threads}");
        Optimizer.Validate();
    }
}
