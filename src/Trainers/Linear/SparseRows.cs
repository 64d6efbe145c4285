using Microsoft.ML;
using DeepLearning.Trainers.DataViews;
using Microsoft.ML.Data;

namespace DeepLearning.Trainers.Linear;

/// <summary>Labelled feature rows held in memory with their zeros left out (compressed sparse rows): one pass over
/// a data view, then as many passes as an optimiser wants at array speed. Scaled pixels and one-hot or n-gram
/// features are mostly zeros, so this is both smaller and faster than dense rows.</summary>
public sealed class SparseRows
{
    private SparseRows(int width, int[] starts, int[] indices, float[] values, int[] labels, long skipped)
    {
        Width = width;
        Starts = starts;
        Indices = indices;
        Values = values;
        Labels = labels;
        Skipped = skipped;
    }

    /// <summary>Features per row.</summary>
    public int Width { get; }

    /// <summary>Row i's entries are [Starts[i], Starts[i + 1]) of <see cref="Indices"/> and <see cref="Values"/>.</summary>
    public int[] Starts { get; }

    /// <summary>Feature index of each stored entry.</summary>
    public int[] Indices { get; }

    /// <summary>Value of each stored entry (never 0).</summary>
    public float[] Values { get; }

    /// <summary>Class of each row, 0-based.</summary>
    public int[] Labels { get; }

    /// <summary>Rows.</summary>
    public int Count => Labels.Length;

    /// <summary>Rows left out: a missing label, or a feature that is NaN or infinite (as ML.NET's trainers skip them).</summary>
    public long Skipped { get; }

    /// <summary>Reads every row of <paramref name="data"/>: a key label (1..<paramref name="classes"/>, 0 missing)
    /// and a known-size float vector of features.</summary>
    public static SparseRows Read(IDataView data, string labelColumn, string featuresColumn, int classes)
    {
        var label = data.Schema[labelColumn];
        var features = data.Schema[featuresColumn];
        int width = (features.Type as VectorDataViewType)?.Size ?? 0;
        if (width == 0) throw new ArgumentException($"'{featuresColumn}' must be a float vector of known size, not {features.Type}");
        if (label.Type is not KeyDataViewType) throw new ArgumentException($"'{labelColumn}' must be a key column, not {label.Type}");

        var starts = new List<int> { 0 };
        var indices = new List<int>();
        var values = new List<float>();
        var labels = new List<int>();
        long skipped = 0;
        using var cursor = SequentialCursor.Open(data, [label, features]);
        var getLabel = cursor.GetGetter<uint>(label);
        var getFeatures = cursor.GetGetter<VBuffer<float>>(features);
        VBuffer<float> row = default;
        uint key = 0;
        while (cursor.MoveNext())
        {
            getLabel(ref key);
            getFeatures(ref row);
            var rowValues = row.GetValues();
            if (key == 0 || key > classes || !AllFinite(rowValues)) { skipped++; continue; }
            if (row.IsDense)
            {
                for (int j = 0; j < rowValues.Length; j++)
                    if (rowValues[j] != 0) { indices.Add(j); values.Add(rowValues[j]); }
            }
            else
            {
                var rowIndices = row.GetIndices();
                for (int k = 0; k < rowValues.Length; k++)
                    if (rowValues[k] != 0) { indices.Add(rowIndices[k]); values.Add(rowValues[k]); }
            }
            labels.Add((int)key - 1);
            starts.Add(checked(indices.Count));
        }
        return new SparseRows(width, starts.ToArray(), indices.ToArray(), values.ToArray(), labels.ToArray(), skipped);
    }

    private static bool AllFinite(ReadOnlySpan<float> values)
    {
        foreach (float v in values)
            if (!float.IsFinite(v)) return false;
        return true;
    }
}
