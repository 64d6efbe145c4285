using Microsoft.ML;
using Microsoft.ML.Data;

namespace DeepLearning.Pipelines.Data;

/// <summary>An ML.NET view over a subset of a <see cref="DataTable"/>'s rows; nothing is copied.</summary>
internal sealed class TableDataView : IDataView
{
    private readonly DataTable table;
    private readonly int[] rows;

    public TableDataView(DataTable table, int[] rows)
    {
        this.table = table;
        this.rows = rows;
        var builder = new DataViewSchema.Builder();
        foreach (var column in table.Columns) builder.AddColumn(column.Name, column.Type);
        Schema = builder.ToSchema();
    }

    public bool CanShuffle => false;
    public DataViewSchema Schema { get; }
    public long? GetRowCount() => rows.Length;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, columnsNeeded.Select(c => c.Index).ToHashSet());

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor(TableDataView view, HashSet<int> active) : DataViewRowCursor
    {
        private long position = -1;

        public override DataViewSchema Schema => view.Schema;
        public override long Position => position;
        public override long Batch => 0;
        public override bool IsColumnActive(DataViewSchema.Column column) => active.Contains(column.Index);
        public override bool MoveNext() => ++position < view.rows.Length;

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId id) => id = new DataViewRowId((ulong)view.rows[position], 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var data = view.table.Columns[column.Index];
            Delegate getter = data switch
            {
                { Numbers: { } numbers } => (ValueGetter<float>)((ref float v) => v = numbers[view.rows[position]]),
                { Texts: { } texts } => (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> v) => v = (texts[view.rows[position]] ?? "").AsMemory()),
                { Vectors: { } vectors, Width: var width } => (ValueGetter<VBuffer<float>>)((ref VBuffer<float> v) =>
                {
                    var editor = VBufferEditor.Create(ref v, width);
                    vectors.AsSpan(view.rows[position] * width, width).CopyTo(editor.Values);
                    v = editor.Commit();
                }),
                { Flags: { } flags } => (ValueGetter<bool>)((ref bool v) => v = flags[view.rows[position]]),
                _ => throw new InvalidOperationException($"column {data.Name} holds no values"),
            };
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"column '{data.Name}' is {data.Type}, not {typeof(TValue).Name}");
        }
    }
}
