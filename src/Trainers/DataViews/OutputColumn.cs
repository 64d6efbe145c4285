using Microsoft.ML;
using Microsoft.ML.Data;

namespace DeepLearning.Trainers.DataViews;

/// <summary>One column a <see cref="PredictionDataView"/> adds: its type and where its value sits in the row's
/// output array. Single: one value; Boolean: value ≠ 0; Key&lt;UInt32&gt;: the value as a key (1-based, 0 missing);
/// a Single vector of size n: n values.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Type">Single, Boolean, a UInt32 key, or a known-size Single vector.</param>
/// <param name="Offset">Index of the column's first value in the output array.</param>
/// <param name="Annotations">Annotations (key values, slot names), or null.</param>
public sealed record OutputColumn(string Name, DataViewType Type, int Offset, DataViewSchema.Annotations? Annotations = null)
{
    /// <summary>How many output values the column takes.</summary>
    public int Width => Type is VectorDataViewType v ? v.Size : 1;
}
