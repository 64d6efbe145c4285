using Microsoft.ML;
using Microsoft.ML.Data;

namespace DeepLearning.Trainers.DataViews;

/// <summary>A lazy view that adds one Single column, computed per row from a float vector column of its input.
/// The face our own models show to ML.NET: evaluators and cursors read the added column like any other.</summary>
public sealed class ScoredDataView : IDataView
{
    private readonly IDataView input;
    private readonly int featuresIndex;
    private readonly Func<ReadOnlySpan<float>, float> score;

    /// <summary>Adds <paramref name="outputColumn"/> = <paramref name="score"/>(<paramref name="featuresColumn"/>).</summary>
    public ScoredDataView(IDataView input, string featuresColumn, string outputColumn, Func<ReadOnlySpan<float>, float> score)
    {
        this.input = input;
        this.score = score;
        var column = input.Schema.GetColumnOrNull(featuresColumn)
            ?? throw new ArgumentException($"the input has no column '{featuresColumn}'", nameof(input));
        featuresIndex = column.Index;
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input.Schema);
        builder.AddColumn(outputColumn, NumberDataViewType.Single);
        Schema = builder.ToSchema();
    }

    /// <inheritdoc />
    public bool CanShuffle => input.CanShuffle;

    /// <inheritdoc />
    public DataViewSchema Schema { get; }

    /// <inheritdoc />
    public long? GetRowCount() => input.GetRowCount();

    /// <inheritdoc />
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToList();
        bool scoreActive = needed.Any(c => c.Index == Schema.Count - 1);
        var inputColumns = needed.Where(c => c.Index < input.Schema.Count).Select(c => input.Schema[c.Index]).ToList();
        if (scoreActive && inputColumns.All(c => c.Index != featuresIndex)) inputColumns.Add(input.Schema[featuresIndex]);
        return new Cursor(this, input.GetRowCursor(inputColumns, rand), scoreActive);
    }

    /// <inheritdoc />
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor(ScoredDataView view, DataViewRowCursor inner, bool scoreActive) : DataViewRowCursor
    {
        private readonly ValueGetter<VBuffer<float>>? features = scoreActive ? inner.GetGetter<VBuffer<float>>(inner.Schema[view.featuresIndex]) : null;
        private VBuffer<float> buffer;
        private float[] dense = [];
        private long scoredPosition = -1;
        private float scored;

        public override DataViewSchema Schema => view.Schema;
        public override long Position => inner.Position;
        public override long Batch => inner.Batch;
        public override bool MoveNext() => inner.MoveNext();
        public override ValueGetter<DataViewRowId> GetIdGetter() => inner.GetIdGetter();
        public override bool IsColumnActive(DataViewSchema.Column column) =>
            column.Index == view.Schema.Count - 1 ? scoreActive : inner.IsColumnActive(inner.Schema[column.Index]);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (column.Index < view.Schema.Count - 1) return inner.GetGetter<TValue>(inner.Schema[column.Index]);
            ValueGetter<float> getter = (ref float value) =>
            {
                if (scoredPosition != inner.Position)
                {
                    features!(ref buffer);
                    if (dense.Length != buffer.Length) dense = new float[buffer.Length];
                    buffer.CopyTo(dense);
                    scored = view.score(dense);
                    scoredPosition = inner.Position;
                }
                value = scored;
            };
            return (ValueGetter<TValue>)(Delegate)getter;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
