using Microsoft.ML;
using static TorchSharp.torch;

namespace DeepLearning.Trainers.Training;

/// <summary>The training rows held in memory as two flat arrays and, while training, once as tensors on the device:
/// each mini-batch is then one gather inside libtorch, which keeps a small model's epochs fast. For data that should
/// not be held in memory, use <see cref="StreamingData"/>.</summary>
public sealed class TrainingData : IBatchSource
{
    private TrainingData(float[] features, float[] targets, int rows, int width)
    {
        Features = features;
        Targets = targets;
        Rows = rows;
        Width = width;
    }

    /// <summary>Row-major features, <see cref="Rows"/> × <see cref="Width"/>.</summary>
    public float[] Features { get; }

    /// <summary>One target per row: the value (regression), 0/1 (binary) or the 0-based class (multiclass).</summary>
    public float[] Targets { get; }

    /// <summary>Rows.</summary>
    public int Rows { get; }

    /// <inheritdoc />
    public int Width { get; }

    /// <inheritdoc />
    public (double Mean, double Deviation) TargetMoments()
    {
        double mean = Targets.Average(t => (double)t);
        return (mean, Math.Sqrt(Targets.Average(t => (t - mean) * (t - mean))));
    }

    /// <inheritdoc />
    public IBatchSource WithTargets(double shift, double scale) =>
        new TrainingData(Features, Targets.Select(t => (float)((t - shift) / scale)).ToArray(), Rows, Width);

    /// <summary>Creates data from arrays (features row-major).</summary>
    public static TrainingData FromArrays(float[] features, float[] targets)
    {
        if (targets.Length == 0 || features.Length % targets.Length != 0)
            throw new ArgumentException($"{features.Length} feature values do not split into {targets.Length} rows");
        return new TrainingData(features, targets, targets.Length, features.Length / targets.Length);
    }

    /// <summary>Reads the label and features columns into memory (see <see cref="RowReader"/> for which rows count).
    /// <paramref name="labelColumn"/> is ignored for <see cref="NeuralTask.Reconstruction"/>.</summary>
    public static TrainingData Read(IDataView data, string? labelColumn, string featuresColumn, NeuralTask task)
    {
        var reader = new RowReader(data, labelColumn, featuresColumn, task);
        var x = new List<float>();
        var y = new List<float>();
        foreach (var row in reader.Rows())
        {
            x.AddRange(row.Features);
            y.Add(row.Target);
        }
        if (y.Count == 0) throw new ArgumentException("no rows with a label to train on");
        return new TrainingData(x.ToArray(), y.ToArray(), y.Count, reader.Width);
    }

    /// <inheritdoc />
    public IEpochReader Open(Objective objective, Device device, double validationFraction, int seed) =>
        new Reader(this, objective, device, validationFraction, seed);

    private sealed class Reader : IEpochReader
    {
        private readonly Tensor trainX, trainY;
        private readonly Tensor? validationX, validationY;
        private readonly int trainRows;

        public Reader(TrainingData data, Objective objective, Device device, double validationFraction, int seed)
        {
            // Validation rows are a seeded random subset; training rows keep their data order unless shuffled.
            var order = Enumerable.Range(0, data.Rows).ToArray();
            new Random(seed).Shuffle(order);
            int validationRows = validationFraction > 0 ? Math.Max(1, (int)Math.Round(data.Rows * validationFraction)) : 0;
            trainRows = data.Rows - validationRows;
            if (trainRows < 1)
                throw new ArgumentException($"{data.Rows} row(s) leave none to train on after holding out a validation fraction of {validationFraction}");
            using var allX = tensor(data.Features, [data.Rows, data.Width]).to(device);
            using var allY = objective.TargetsAreInputs ? allX.alias() : objective.Targets(data.Targets).to(device);
            if (validationRows == 0)
            {
                (trainX, trainY) = (allX.alias(), allY.alias());
                return;
            }
            (trainX, trainY) = (Select(allX, order[validationRows..].Order().ToArray()), Select(allY, order[validationRows..].Order().ToArray()));
            (validationX, validationY) = (Select(allX, order[..validationRows]), Select(allY, order[..validationRows]));
        }

        public long? TrainRows => trainRows;

        public IEnumerable<Batch> Train(int batchSize, Random? shuffle)
        {
            int batch = batchSize == 0 ? trainRows : Math.Min(batchSize, trainRows);
            var positions = new long[trainRows];
            for (int i = 0; i < trainRows; i++) positions[i] = i;
            shuffle?.Shuffle(positions);
            for (int start = 0; start < trainRows; start += batch)
            {
                int count = Math.Min(batch, trainRows - start);
                if (count == trainRows && shuffle is null)
                {
                    yield return new Batch(count, () => (trainX.alias(), trainY.alias()));
                    continue;
                }
                int from = start;
                // One copy per batch: gather the batch's rows by index inside libtorch.
                yield return new Batch(count, () =>
                {
                    var index = tensor(positions.AsSpan(from, count).ToArray(), device: trainX.device);
                    return (trainX.index_select(0, index), trainY.index_select(0, index));
                });
            }
        }

        public IEnumerable<Batch> Validation()
        {
            if (validationX is null) yield break;
            yield return new Batch((int)validationX.shape[0], () => (validationX.alias(), validationY!.alias()));
        }

        public void Dispose()
        {
            trainX.Dispose();
            trainY.Dispose();
            validationX?.Dispose();
            validationY?.Dispose();
        }

        private static Tensor Select(Tensor all, int[] rows)
        {
            using var index = tensor(rows.Select(r => (long)r).ToArray(), device: all.device);
            return all.index_select(0, index);
        }
    }
}
