using Microsoft.ML;

namespace DeepLearning.Trainers.DataViews;

/// <summary>A view whose cursors are read on the calling thread (<see cref="SequentialCursor"/>): handed to ML.NET's
/// estimators, their fitting passes run every transform below on one thread instead of splitting and merging rows
/// across threads. Values and row order are the inner view's.</summary>
public sealed class SequentialView(IDataView inner) : IDataView
{
    /// <inheritdoc />
    public bool CanShuffle => inner.CanShuffle;

    /// <inheritdoc />
    public DataViewSchema Schema => inner.Schema;

    /// <inheritdoc />
    public long? GetRowCount() => inner.GetRowCount();

    /// <inheritdoc />
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        SequentialCursor.Open(inner, columnsNeeded, rand);

    /// <inheritdoc />
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];
}
