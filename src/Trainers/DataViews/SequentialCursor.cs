using Microsoft.ML;

namespace DeepLearning.Trainers.DataViews;

/// <summary>One cursor over a data view, read on the calling thread. A plain <c>GetRowCursor</c> on a chain of ML.NET
/// transforms splits its single input cursor over at least two threads and merges their rows back in order
/// (ML.NET's DataViewUtils takes max(2, cores − 1) threads, whatever the machine): on rows held in memory the hand-offs
/// between threads cost more than the transforms, and the helper threads take the core another fit could use. Asking
/// for a cursor set of one keeps every transform of the chain on one thread, in the same row order.</summary>
public static class SequentialCursor
{
    /// <summary>A cursor over every row of <paramref name="data"/> with <paramref name="columns"/> active
    /// (shuffled by <paramref name="rand"/> where the view can shuffle).</summary>
    public static DataViewRowCursor Open(IDataView data, IEnumerable<DataViewSchema.Column> columns, Random? rand = null)
    {
        var needed = columns.ToList();
        var set = data.GetRowCursorSet(needed, 1, rand);
        if (set.Length == 1) return set[0];
        // A view may return more cursors than asked for; then let it merge them as it would.
        foreach (var cursor in set) cursor.Dispose();
        return data.GetRowCursor(needed, rand);
    }
}
