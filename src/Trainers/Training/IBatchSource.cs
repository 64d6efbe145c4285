using static TorchSharp.torch;

namespace DeepLearning.Trainers.Training;

/// <summary>The rows a network trains on, handed to the loop one mini-batch at a time, epoch after epoch.
/// <see cref="TrainingData"/> holds them in memory (fast for data that fits); <see cref="StreamingData"/> reads them
/// again from an ML.NET data view each epoch and holds no more than a shuffle buffer and the current batch.</summary>
public interface IBatchSource
{
    /// <summary>Features per row.</summary>
    int Width { get; }

    /// <summary>Mean and standard deviation of the targets over every labelled row (regression standardises its
    /// label with them).</summary>
    (double Mean, double Deviation) TargetMoments();

    /// <summary>The same rows with targets mapped to (y − <paramref name="shift"/>) / <paramref name="scale"/>.</summary>
    IBatchSource WithTargets(double shift, double scale);

    /// <summary>Splits the rows into training and validation (a seeded share <paramref name="validationFraction"/>)
    /// and starts handing out batches as tensors on <paramref name="device"/>.</summary>
    IEpochReader Open(Objective objective, Device device, double validationFraction, int seed);
}

/// <summary>Batches of one training run; disposing it frees what <see cref="IBatchSource.Open"/> placed on the device.</summary>
public interface IEpochReader : IDisposable
{
    /// <summary>Training rows, when known before the first epoch (in memory); null when counted as they stream by.</summary>
    long? TrainRows { get; }

    /// <summary>The training rows of one epoch in batches of at most <paramref name="batchSize"/> (0: all rows in one
    /// batch), in an order drawn from <paramref name="shuffle"/>, or in data order when it is null.</summary>
    IEnumerable<Batch> Train(int batchSize, Random? shuffle);

    /// <summary>The validation rows in batches; empty when none were held out.</summary>
    IEnumerable<Batch> Validation();
}

/// <summary>One mini-batch. <see cref="Load"/> makes its tensors: call it inside the step's dispose scope so they are
/// freed with the step, and before asking for the next batch (the source may reuse its buffers).</summary>
/// <param name="Count">Rows in the batch.</param>
/// <param name="Load">Makes the features [Count, Width] and the targets as the objective expects them.</param>
public readonly record struct Batch(int Count, Func<(Tensor X, Tensor Y)> Load);
