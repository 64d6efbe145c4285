using Microsoft.ML;
using static TorchSharp.torch;

namespace DeepLearning.Trainers.Training;

/// <summary>Training rows read again from an ML.NET data view every epoch, so data of any size trains in the memory of
/// a shuffle buffer and one batch. Shuffling draws from a pool of <see cref="ShuffleBuffer"/> rows (as tf.data and
/// WebDataset do): with at least as many pool slots as rows it is a uniform shuffle, with fewer it mixes rows within a
/// window. Validation rows are chosen by a seeded hash of the row's position, so each pass picks the same ones.</summary>
public sealed class StreamingData : IBatchSource
{
    /// <summary>Pool rows of the shuffle unless set: 8,192 rows of 784 pixels take 25 MiB.</summary>
    public const int DefaultShuffleBuffer = 8192;

    /// <summary>Rows per validation batch (no gradients, so larger batches only cost memory).</summary>
    public const int ValidationBatch = 1024;

    private readonly RowReader reader;
    private readonly double shift, scale;

    private StreamingData(RowReader reader, int shuffleBuffer, double shift, double scale)
    {
        this.reader = reader;
        ShuffleBuffer = shuffleBuffer;
        this.shift = shift;
        this.scale = scale;
    }

    /// <summary>Streams the label and features columns of <paramref name="data"/> (the label is ignored for
    /// <see cref="NeuralTask.Reconstruction"/>). Checks the columns now; reads no rows yet.</summary>
    public static StreamingData Over(IDataView data, string? labelColumn, string featuresColumn, NeuralTask task, int shuffleBuffer = DefaultShuffleBuffer)
    {
        if (shuffleBuffer < 1) throw new ArgumentException($"shuffle buffer must be ≥ 1 row; received {shuffleBuffer}");
        return new StreamingData(new RowReader(data, labelColumn, featuresColumn, task), shuffleBuffer, 0, 1);
    }

    /// <inheritdoc />
    public int Width => reader.Width;

    /// <summary>Rows in the shuffle pool.</summary>
    public int ShuffleBuffer { get; }

    /// <inheritdoc />
    public (double Mean, double Deviation) TargetMoments()
    {
        // Welford's running mean and variance: one pass over the label column alone.
        long n = 0;
        double mean = 0, m2 = 0;
        foreach (var row in reader.Rows(withFeatures: false))
        {
            n++;
            double delta = row.Target - mean;
            mean += delta / n;
            m2 += delta * (row.Target - mean);
        }
        if (n == 0) throw new ArgumentException("no rows with a label to train on");
        return (mean, Math.Sqrt(m2 / n));
    }

    /// <inheritdoc />
    public IBatchSource WithTargets(double shift, double scale) => new StreamingData(reader, ShuffleBuffer, shift, scale);

    /// <inheritdoc />
    public IEpochReader Open(Objective objective, Device device, double validationFraction, int seed) =>
        new Reader(this, objective, device, validationFraction, seed);

    /// <summary>A uniform number in [0, 1) from the seed and the row's position (SplitMix64's finaliser).</summary>
    private static double Uniform(int seed, long position)
    {
        unchecked
        {
            ulong z = (ulong)position + 0x9E3779B97F4A7C15UL * (ulong)(uint)(seed + 1);
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (z >> 11) * (1.0 / (1UL << 53));
        }
    }

    private sealed class Reader(StreamingData source, Objective objective, Device device, double validationFraction, int seed) : IEpochReader
    {
        private readonly int width = source.Width;

        public long? TrainRows => null;

        private bool IsValidation(long position) => validationFraction > 0 && Uniform(seed, position) < validationFraction;

        public IEnumerable<Batch> Train(int batchSize, Random? shuffle)
        {
            if (batchSize == 0)
                throw new ArgumentException("full-batch gradient descent (batch size 0) needs the rows in memory; set a batch size, or cache: memory");
            var batch = new Buffer(batchSize, width);
            long rows = 0;
            if (shuffle is null)
            {
                foreach (var row in source.reader.Rows())
                {
                    if (IsValidation(row.Position)) continue;
                    rows++;
                    if (batch.Add(row.Features, row.Target)) { yield return Emit(batch); batch.Clear(); }
                }
            }
            else
            {
                var pool = new Buffer(source.ShuffleBuffer, width);
                foreach (var row in source.reader.Rows())
                {
                    if (IsValidation(row.Position)) continue;
                    rows++;
                    if (pool.Count < pool.Capacity)
                    {
                        pool.Add(row.Features, row.Target);
                        continue;
                    }
                    // The pool is full: a random pool row leaves for the batch and the new row takes its place.
                    int slot = shuffle.Next(pool.Capacity);
                    bool full = batch.Add(pool.Features(slot), pool.Targets[slot]);
                    pool.Put(slot, row.Features, row.Target);
                    if (full) { yield return Emit(batch); batch.Clear(); }
                }
                var rest = Enumerable.Range(0, pool.Count).ToArray();
                shuffle.Shuffle(rest);
                foreach (int slot in rest)
                    if (batch.Add(pool.Features(slot), pool.Targets[slot])) { yield return Emit(batch); batch.Clear(); }
            }
            if (batch.Count > 0) yield return Emit(batch);
            if (rows == 0) throw new ArgumentException("no rows left to train on after holding out the validation rows");
        }

        public IEnumerable<Batch> Validation()
        {
            if (validationFraction <= 0) yield break;
            var batch = new Buffer(ValidationBatch, width);
            foreach (var row in source.reader.Rows())
            {
                if (!IsValidation(row.Position)) continue;
                if (batch.Add(row.Features, row.Target)) { yield return Emit(batch); batch.Clear(); }
            }
            if (batch.Count > 0) yield return Emit(batch);
        }

        /// <summary>The buffer's rows as a batch; the caller empties the buffer when the consumer asks for the next one.</summary>
        private Batch Emit(Buffer buffer)
        {
            int count = buffer.Count;
            return new Batch(count, () =>
            {
                var x = tensor(buffer.Values(count), [count, width]).to(device);
                var y = objective.TargetsAreInputs ? x.alias() : objective.Targets(buffer.ScaledTargets(count, source.shift, source.scale)).to(device);
                return (x, y);
            });
        }

        public void Dispose() { }
    }

    /// <summary>Rows of features and targets in flat arrays, reused from batch to batch.</summary>
    private sealed class Buffer(int capacity, int width)
    {
        private readonly float[] features = new float[(long)capacity * width];

        public int Capacity { get; } = capacity;
        public int Count { get; private set; }
        public float[] Targets { get; } = new float[capacity];

        public ReadOnlySpan<float> Features(int slot) => features.AsSpan(slot * width, width);

        /// <summary>Appends a row; true when the buffer is now full.</summary>
        public bool Add(ReadOnlySpan<float> row, float target)
        {
            Put(Count, row, target);
            return ++Count == Capacity;
        }

        public void Put(int slot, ReadOnlySpan<float> row, float target)
        {
            row.CopyTo(features.AsSpan(slot * width, width));
            Targets[slot] = target;
        }

        public float[] Values(int count) => count == Capacity ? features : features[..(count * width)];

        public float[] ScaledTargets(int count, double shift, double scale)
        {
            var result = new float[count];
            for (int i = 0; i < count; i++) result[i] = (float)((Targets[i] - shift) / scale);
            return result;
        }

        public void Clear() => Count = 0;
    }
}
