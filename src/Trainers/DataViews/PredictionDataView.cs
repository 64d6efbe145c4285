using Microsoft.ML;
using Microsoft.ML.Data;

namespace DeepLearning.Trainers.DataViews;

/// <summary>A lazy view that adds several columns computed together, per row, from a float vector column of its
/// input: a network's forward pass yields the Score, Probability and PredictedLabel of a row at once, so the row's
/// outputs are computed once and every added column reads its part.</summary>
public sealed class PredictionDataView : IDataView
{
    private readonly IDataView input;
    private readonly int featuresIndex;
    private readonly IReadOnlyList<OutputColumn> outputs;
    private readonly Func<ReadOnlySpan<float>, float[]> predict;

    /// <summary>Adds <paramref name="outputs"/>, whose values come from <paramref name="predict"/>(<paramref name="featuresColumn"/>).</summary>
    public PredictionDataView(IDataView input, string featuresColumn, IReadOnlyList<OutputColumn> outputs, Func<ReadOnlySpan<float>, float[]> predict)
    {
        this.input = input;
        this.outputs = outputs;
        this.predict = predict;
        var column = input.Schema.GetColumnOrNull(featuresColumn)
            ?? throw new ArgumentException($"the input has no column '{featuresColumn}'", nameof(input));
        featuresIndex = column.Index;
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input.Schema);
        foreach (var output in outputs) builder.AddColumn(output.Name, output.Type, output.Annotations);
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
        bool outputActive = needed.Any(c => c.Index >= input.Schema.Count);
        var inputColumns = needed.Where(c => c.Index < input.Schema.Count).Select(c => input.Schema[c.Index]).ToList();
        if (outputActive && inputColumns.All(c => c.Index != featuresIndex)) inputColumns.Add(input.Schema[featuresIndex]);
        return new Cursor(this, input.GetRowCursor(inputColumns, rand), outputActive);
    }

    /// <inheritdoc />
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor(PredictionDataView view, DataViewRowCursor inner, bool outputActive) : DataViewRowCursor
    {
        private readonly ValueGetter<VBuffer<float>>? features = outputActive ? inner.GetGetter<VBuffer<float>>(inner.Schema[view.featuresIndex]) : null;
        private VBuffer<float> buffer;
        private float[] dense = [];
        private long computedPosition = -1;
        private float[] values = [];

        public override DataViewSchema Schema => view.Schema;
        public override long Position => inner.Position;
        public override long Batch => inner.Batch;
        public override bool MoveNext() => inner.MoveNext();
        public override ValueGetter<DataViewRowId> GetIdGetter() => inner.GetIdGetter();
        public override bool IsColumnActive(DataViewSchema.Column column) =>
            column.Index >= view.input.Schema.Count ? outputActive : inner.IsColumnActive(inner.Schema[column.Index]);

        private float[] Values()
        {
            if (computedPosition != inner.Position)
            {
                features!(ref buffer);
                if (dense.Length != buffer.Length) dense = new float[buffer.Length];
                buffer.CopyTo(dense);
                values = view.predict(dense);
                computedPosition = inner.Position;
            }
            return values;
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            int inputCount = view.input.Schema.Count;
            if (column.Index < inputCount) return inner.GetGetter<TValue>(inner.Schema[column.Index]);
            var output = view.outputs[column.Index - inputCount];
            Delegate getter = output.Type switch
            {
                VectorDataViewType v => (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) =>
                {
                    var editor = VBufferEditor.Create(ref value, v.Size);
                    Values().AsSpan(output.Offset, v.Size).CopyTo(editor.Values);
                    value = editor.Commit();
                }),
                KeyDataViewType => (ValueGetter<uint>)((ref uint value) => value = (uint)Values()[output.Offset]),
                BooleanDataViewType => (ValueGetter<bool>)((ref bool value) => value = Values()[output.Offset] != 0),
                _ => (ValueGetter<float>)((ref float value) => value = Values()[output.Offset]),
            };
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"column '{output.Name}' is {output.Type}, not {typeof(TValue).Name}");
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
