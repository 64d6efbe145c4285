using Microsoft.ML;
using Microsoft.ML.Data;

namespace DeepLearning.Trainers.Training;

/// <summary>The training rows as two flat arrays, read from an <see cref="IDataView"/> in one pass.
/// Holding them in memory is what lets each mini-batch be one copy (and keeps a small model's epochs fast); the
/// streaming loader the design asks for is future work, needed only for data that does not fit in memory.</summary>
public sealed class TrainingData
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

    /// <summary>Features per row.</summary>
    public int Width { get; }

    /// <summary>A copy with targets mapped to (y − <paramref name="shift"/>) / <paramref name="scale"/>.</summary>
    public TrainingData WithTargets(double shift, double scale) =>
        new(Features, Targets.Select(t => (float)((t - shift) / scale)).ToArray(), Rows, Width);

    /// <summary>Creates data from arrays (features row-major).</summary>
    public static TrainingData FromArrays(float[] features, float[] targets)
    {
        if (targets.Length == 0 || features.Length % targets.Length != 0)
            throw new ArgumentException($"{features.Length} feature values do not split into {targets.Length} rows");
        return new TrainingData(features, targets, targets.Length, features.Length / targets.Length);
    }

    /// <summary>Reads the label and features columns. Rows without a label (NaN, or a missing key) are skipped,
    /// as ML.NET's trainers skip them; a missing feature value is an error, since it would turn the loss into NaN
    /// and look like divergence.</summary>
    public static TrainingData Read(IDataView data, string? labelColumn, string featuresColumn, NeuralTask task)
    {
        // Reconstruction learns the features themselves: no label column, a target of 0 stands in for it.
        DataViewSchema.Column? label = task == NeuralTask.Reconstruction ? null
            : data.Schema.GetColumnOrNull(labelColumn ?? "") ?? throw new ArgumentException($"the data has no label column '{labelColumn}'");
        var features = data.Schema.GetColumnOrNull(featuresColumn) ?? throw new ArgumentException($"the data has no features column '{featuresColumn}'");
        int width = features.Type is VectorDataViewType { Size: > 0 } v && v.ItemType == NumberDataViewType.Single ? v.Size
            : throw new ArgumentException($"'{featuresColumn}' must be a vector of Single of known size; it is {features.Type}");
        Func<DataViewRowCursor, Func<float?>> labelReader = (task, label?.Type) switch
        {
            (NeuralTask.Reconstruction, _) => _ => () => 0f,
            (NeuralTask.Regression, var type) when type == NumberDataViewType.Single => c => { var g = c.GetGetter<float>(label!.Value); return () => { float y = 0; g(ref y); return float.IsNaN(y) ? null : y; }; },
            (NeuralTask.Binary, var type) when type == BooleanDataViewType.Instance => c => { var g = c.GetGetter<bool>(label!.Value); return () => { bool y = false; g(ref y); return y ? 1 : 0; }; },
            (NeuralTask.Multiclass, KeyDataViewType { RawType: var t }) when t == typeof(uint) => c => { var g = c.GetGetter<uint>(label!.Value); return () => { uint y = 0; g(ref y); return y == 0 ? null : y - 1; }; },
            _ => throw new ArgumentException($"{task} needs a label column of type {(task == NeuralTask.Regression ? "Single" : task == NeuralTask.Binary ? "Boolean" : "Key<UInt32>")}; '{labelColumn}' is {label!.Value.Type}"),
        };

        var x = new List<float>();
        var y = new List<float>();
        using var cursor = data.GetRowCursor(label is { } l ? new[] { l, features } : new[] { features });
        var readLabel = labelReader(cursor);
        var readFeatures = cursor.GetGetter<VBuffer<float>>(features);
        VBuffer<float> buffer = default;
        var dense = new float[width];
        long row = 0;
        while (cursor.MoveNext())
        {
            row++;
            if (readLabel() is not { } target) continue;
            readFeatures(ref buffer);
            buffer.CopyTo(dense);
            int missing = Array.FindIndex(dense, f => !float.IsFinite(f));
            if (missing >= 0)
                throw new ArgumentException($"row {row}: feature {missing} of '{featuresColumn}' is {dense[missing]}; replace missing values before a neural trainer");
            x.AddRange(dense);
            y.Add(target);
        }
        if (y.Count == 0) throw new ArgumentException("no rows with a label to train on");
        return new TrainingData(x.ToArray(), y.ToArray(), y.Count, width);
    }
}
