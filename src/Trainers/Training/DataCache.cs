using Microsoft.ML;

namespace DeepLearning.Trainers.Training;

/// <summary>Where a network's training rows live while it trains.</summary>
public enum DataCache
{
    /// <summary>In memory when the featurised rows take at most <see cref="BatchSources.AutoMemoryBytes"/> (and for
    /// full-batch training), else streamed.</summary>
    Auto,
    /// <summary>In memory: one copy of the featurised rows as a tensor; each batch is a gather.</summary>
    Memory,
    /// <summary>Read from the data every epoch: memory stays at a shuffle buffer and a batch.</summary>
    Stream,
}

/// <summary>Picks the <see cref="IBatchSource"/> for a training run.</summary>
public static class BatchSources
{
    /// <summary>Featurised rows up to this size are held in memory under <see cref="DataCache.Auto"/>: 64 MiB holds
    /// mnist_10k (8,000 × 784 floats, 25 MiB) but not Fashion-MNIST's 60,000 training images (188 MiB).</summary>
    public const long AutoMemoryBytes = 64L << 20;

    /// <summary>The rows of <paramref name="data"/> as <paramref name="options"/> asks: in memory or streamed.</summary>
    public static IBatchSource Open(IDataView data, string? labelColumn, string featuresColumn, NeuralTask task, TrainingOptions options)
    {
        var streaming = StreamingData.Over(data, labelColumn, featuresColumn, task, options.ShuffleBuffer);
        bool inMemory = options.Cache switch
        {
            DataCache.Memory => true,
            DataCache.Stream => false,
            _ => options.BatchSize == 0 || data.GetRowCount() is long rows && rows * streaming.Width * sizeof(float) <= AutoMemoryBytes,
        };
        return inMemory ? TrainingData.Read(data, labelColumn, featuresColumn, task) : streaming;
    }
}
