using DeepLearning.Pipelines.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace DeepLearning.Pipelines.Prediction;

/// <summary>One input row pushed through a model's row-to-row mappers once, then re-read for each call after its
/// cells change — the way ML.NET's PredictionEngine avoids building cursors per prediction. Seen as a one-row
/// <see cref="IDataView"/> so the same result reader serves batches and single rows. Not thread-safe: one call at a time.</summary>
internal sealed class SingleRowView : IDataView
{
    private readonly InputRow input;
    private readonly DataViewRow output;

    private SingleRowView(InputRow input, DataViewRow output)
    {
        this.input = input;
        this.output = output;
    }

    /// <summary>A view over <paramref name="columns"/> (one-element arrays the caller overwrites) mapped by
    /// <paramref name="model"/>, or null when a stage cannot map single rows (the caller then scores a table).</summary>
    public static SingleRowView? TryCreate(ScoringModel model, IReadOnlyList<TableColumn> columns)
    {
        if (!model.Chain.IsRowToRowMapper || model.Head is { IsRowToRowMapper: false }) return null;
        var input = new InputRow(columns);
        var chain = model.Chain.GetRowToRowMapper(input.Schema);
        var row = chain.GetRow(input, chain.OutputSchema);
        if (model.Head is { } head)
        {
            var mapper = head.GetRowToRowMapper(chain.OutputSchema);
            row = mapper.GetRow(row, mapper.OutputSchema);
        }
        return new SingleRowView(input, row);
    }

    /// <summary>Marks the cells as changed: mappers cache values per row position, so each call is a new position.</summary>
    public void Advance() => input.Advance();

    public bool CanShuffle => false;
    public DataViewSchema Schema => output.Schema;
    public long? GetRowCount() => 1;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new OneRowCursor(output);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new OneRowCursor(output)];

    private sealed class InputRow : DataViewRow
    {
        private readonly IReadOnlyList<TableColumn> columns;
        private long position;

        public InputRow(IReadOnlyList<TableColumn> columns)
        {
            this.columns = columns;
            var builder = new DataViewSchema.Builder();
            foreach (var column in columns) builder.AddColumn(column.Name, column.Type);
            Schema = builder.ToSchema();
        }

        public override DataViewSchema Schema { get; }
        public override long Position => position;
        public override long Batch => 0;
        public void Advance() => position++;
        public override bool IsColumnActive(DataViewSchema.Column column) => true;
        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)position, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var data = columns[column.Index];
            Delegate getter = data switch
            {
                { Numbers: { } numbers } => (ValueGetter<float>)((ref float v) => v = numbers[0]),
                { Texts: { } texts } => (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> v) => v = (texts[0] ?? "").AsMemory()),
                _ => throw new InvalidOperationException($"column '{data.Name}' is not an input column"),
            };
            return getter as ValueGetter<TValue> ?? throw new InvalidOperationException($"column '{data.Name}' is {data.Type}, not {typeof(TValue).Name}");
        }
    }

    /// <summary>The mapped row as a cursor that yields it once; disposing the cursor leaves the row alive.</summary>
    private sealed class OneRowCursor(DataViewRow row) : DataViewRowCursor
    {
        private long position = -1;

        public override DataViewSchema Schema => row.Schema;
        public override long Position => position;
        public override long Batch => 0;
        public override bool MoveNext() => ++position == 0;
        public override bool IsColumnActive(DataViewSchema.Column column) => row.IsColumnActive(column);
        public override ValueGetter<DataViewRowId> GetIdGetter() => row.GetIdGetter();
        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => row.GetGetter<TValue>(column);
    }
}
