using Microsoft.ML;
using Microsoft.ML.Data;

namespace DeepLearning.Trainers.Training;

/// <summary>Reads (target, features) rows from an ML.NET data view: the one place that knows which label type each
/// task needs. Rows without a label (NaN, or a missing key) are skipped, as ML.NET's trainers skip them; a missing
/// feature value is an error, since it would turn the loss into NaN and look like divergence.</summary>
internal sealed class RowReader
{
    private readonly IDataView data;
    private readonly DataViewSchema.Column? label;
    private readonly DataViewSchema.Column features;
    private readonly string featuresName;
    private readonly NeuralTask task;

    public RowReader(IDataView data, string? labelColumn, string featuresColumn, NeuralTask task)
    {
        this.data = data;
        this.task = task;
        featuresName = featuresColumn;
        // Reconstruction learns the features themselves: no label column.
        label = task == NeuralTask.Reconstruction ? null
            : data.Schema.GetColumnOrNull(labelColumn ?? "") ?? throw new ArgumentException($"the data has no label column '{labelColumn}'");
        features = data.Schema.GetColumnOrNull(featuresColumn) ?? throw new ArgumentException($"the data has no features column '{featuresColumn}'");
        Width = features.Type is VectorDataViewType { Size: > 0 } v && v.ItemType == NumberDataViewType.Single ? v.Size
            : throw new ArgumentException($"'{featuresColumn}' must be a vector of Single of known size; it is {features.Type}");
        bool labelFits = (task, label?.Type) switch
        {
            (NeuralTask.Reconstruction, _) => true,
            (NeuralTask.Regression, var t) => t == NumberDataViewType.Single,
            (NeuralTask.Binary, var t) => t == BooleanDataViewType.Instance,
            (NeuralTask.Multiclass, KeyDataViewType { RawType: var raw }) => raw == typeof(uint),
            _ => false,
        };
        if (!labelFits)
            throw new ArgumentException($"{task} needs a label column of type {(task == NeuralTask.Regression ? "Single" : task == NeuralTask.Binary ? "Boolean" : "Key<UInt32>")}; '{labelColumn}' is {label!.Value.Type}");
    }

    /// <summary>Features per row.</summary>
    public int Width { get; }

    /// <summary>Every labelled row, in data order. The same <see cref="Row"/> object comes back each time, refilled:
    /// read it before moving on. With <paramref name="withFeatures"/> false only the label is read (features stay
    /// empty), which skips computing the featurisation.</summary>
    public IEnumerable<Row> Rows(bool withFeatures = true)
    {
        var columns = new List<DataViewSchema.Column>();
        if (label is { } l) columns.Add(l);
        if (withFeatures || label is null) columns.Add(features);
        using var cursor = data.GetRowCursor(columns);
        var readLabel = LabelGetter(cursor);
        var readFeatures = withFeatures ? cursor.GetGetter<VBuffer<float>>(features) : null;
        VBuffer<float> buffer = default;
        var current = new Row(withFeatures ? Width : 0);
        long row = -1;
        while (cursor.MoveNext())
        {
            row++;
            if (readLabel() is not { } target) continue;
            if (readFeatures is not null)
            {
                readFeatures(ref buffer);
                buffer.CopyTo(current.Features);
                int missing = Array.FindIndex(current.Features, f => !float.IsFinite(f));
                if (missing >= 0)
                    throw new ArgumentException($"row {row + 1}: feature {missing} of '{featuresName}' is {current.Features[missing]}; replace missing values before a neural trainer");
            }
            current.Position = row;
            current.Target = target;
            yield return current;
        }
    }

    private Func<float?> LabelGetter(DataViewRowCursor cursor)
    {
        switch (task)
        {
            case NeuralTask.Reconstruction:
                return () => 0f;
            case NeuralTask.Regression:
            {
                var g = cursor.GetGetter<float>(label!.Value);
                return () => { float y = 0; g(ref y); return float.IsNaN(y) ? null : y; };
            }
            case NeuralTask.Binary:
            {
                var g = cursor.GetGetter<bool>(label!.Value);
                return () => { bool y = false; g(ref y); return y ? 1 : 0; };
            }
            default:
            {
                var g = cursor.GetGetter<uint>(label!.Value);
                return () => { uint y = 0; g(ref y); return y == 0 ? null : y - 1; };
            }
        }
    }
}

/// <summary>One row as <see cref="RowReader.Rows"/> hands it out.</summary>
internal sealed class Row(int width)
{
    /// <summary>0-based position in the data view (labelled or not), stable from pass to pass.</summary>
    public long Position { get; set; }

    /// <summary>The value, 0/1, the 0-based class, or 0 for reconstruction.</summary>
    public float Target { get; set; }

    /// <summary>The features (dense).</summary>
    public float[] Features { get; } = new float[width];
}
