using DeepLearning.Pipelines.Spec;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace DeepLearning.Pipelines.Data;

/// <summary>How a streamed CSV is read: the file's columns, the ones exposed and their kinds, and the missing-value
/// rules. Resolved once (by <see cref="StreamingScan"/>), then shared by every cursor.</summary>
/// <param name="Path">The file.</param>
/// <param name="Separator">Field separator.</param>
/// <param name="Header">Whether the first record names the columns.</param>
/// <param name="Names">Every column of the file, in order.</param>
/// <param name="Kept">Indices (into <paramref name="Names"/>) of the columns exposed, in file order.</param>
/// <param name="Kinds">The kind of every column (meaningful for kept ones).</param>
/// <param name="Missing">Cell values that mean missing.</param>
/// <param name="Policy">What a row with a missing kept value does.</param>
public sealed record CsvLayout(string Path, char Separator, bool Header, IReadOnlyList<string> Names, IReadOnlyList<int> Kept, IReadOnlyList<ColumnKind> Kinds, IReadOnlySet<string> Missing, MissingPolicy Policy);

/// <summary>The label as a streamed view exposes it, matching <see cref="LabelColumn.Prepare"/>: regression a Single,
/// binary a Boolean (true = the second class), multiclass the class name. Rows without a label are skipped, and a
/// class outside <paramref name="Classes"/> is an error naming its line.</summary>
/// <param name="Name">Label column.</param>
/// <param name="Task">Supervised task.</param>
/// <param name="Classes">Classification: the classes in model order.</param>
public sealed record StreamLabel(string Name, MlTask Task, IReadOnlyList<string> Classes);

/// <summary>An ML.NET view over a CSV file that reads the file again on every cursor: no row is kept in memory, so
/// a file of any size can be fitted on by trainers that pass over the data (SDCA, the neural trainers' streamed
/// mini-batches). Rows are numbered by their data record (0-based; the row id ML.NET sees), and a split picks the
/// training or the test rows. Fields are split by Sep (SIMD) and cells parsed only for the columns a cursor asks for,
/// with <see cref="TableLoader"/>'s rules: cells trimmed, the missing tokens, the same floats, the same messages.
/// <see cref="StreamingScan"/> has checked the whole file with the strict reader first, so quoting errors cannot
/// reach a cursor unless the file changes under it.</summary>
public sealed class CsvDataView : IDataView
{
    private readonly CsvLayout layout;
    private readonly StreamLabel? label;
    private readonly StreamSplit? split;
    private readonly bool testRows;
    private readonly long? rowCount;
    private readonly int[] fileIndex;
    private readonly int labelIndex = -1;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> classIndex;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> missing;

    /// <summary>A view of the rows of <paramref name="layout"/>'s file: all of them, or with <paramref name="split"/>
    /// the test rows (<paramref name="testRows"/>) or the training rows; <paramref name="rowCount"/> when known.</summary>
    public CsvDataView(CsvLayout layout, StreamLabel? label, StreamSplit? split = null, bool testRows = false, long? rowCount = null)
    {
        this.layout = layout;
        this.label = label;
        this.split = split;
        this.testRows = testRows;
        this.rowCount = rowCount;
        fileIndex = layout.Kept.ToArray();
        missing = layout.Missing.ToHashSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        var builder = new DataViewSchema.Builder();
        foreach (var i in fileIndex)
        {
            var name = layout.Names[i];
            DataViewType type = label is not null && name == label.Name
                ? label.Task switch
                {
                    MlTask.Regression => NumberDataViewType.Single,
                    MlTask.Binary => BooleanDataViewType.Instance,
                    _ => TextDataViewType.Instance,
                }
                : layout.Kinds[i] is ColumnKind.Numeric or ColumnKind.Boolean ? NumberDataViewType.Single : TextDataViewType.Instance;
            builder.AddColumn(name, type);
        }
        Schema = builder.ToSchema();
        var classes = new Dictionary<string, int>(StringComparer.Ordinal);
        if (label is not null)
        {
            labelIndex = layout.Names.ToList().IndexOf(label.Name);
            if (labelIndex < 0 || !fileIndex.Contains(labelIndex))
                throw new ArgumentException($"the label '{label.Name}' is not among the columns read from {layout.Path}");
            for (int k = 0; k < label.Classes.Count; k++) classes[label.Classes[k]] = k;
        }
        classIndex = classes.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The file.</summary>
    public string Source => layout.Path;

    /// <inheritdoc />
    public bool CanShuffle => false;

    /// <inheritdoc />
    public DataViewSchema Schema { get; }

    /// <inheritdoc />
    public long? GetRowCount() => rowCount;

    /// <inheritdoc />
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, columnsNeeded.Select(c => c.Index).ToHashSet());

    /// <inheritdoc />
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly CsvDataView view;
        private readonly HashSet<int> active;
        private readonly TextReader reader;
        private readonly CsvRowReader rows;
        private long position = -1;
        private bool disposed;

        public Cursor(CsvDataView view, HashSet<int> active)
        {
            this.view = view;
            this.active = active;
            var layout = view.layout;
            reader = DataSource.Open(layout.Path);
            rows = new CsvRowReader(reader, layout.Separator, layout.Path, layout.Names.Count, layout.Header, strict: false);
        }

        private long record => rows.Record;
        private int line => rows.Line;

        public override DataViewSchema Schema => view.Schema;
        public override long Position => position;
        public override long Batch => 0;
        public override bool IsColumnActive(DataViewSchema.Column column) => active.Contains(column.Index);

        public override bool MoveNext()
        {
            if (disposed) return false;
            var layout = view.layout;
            while (rows.MoveNext())
            {
                if (layout.Policy != MissingPolicy.Keep && FirstMissing() is var gap and >= 0)
                {
                    if (layout.Policy == MissingPolicy.DropRows) continue;
                    throw new DataException(layout.Path, line, TableLoader.Name(layout.Names, gap), $"missing value '{Cell(gap).ToString()}' while data.missing.policy is 'error'");
                }
                if (view.labelIndex >= 0 && view.missing.Contains(Cell(view.labelIndex))) continue;
                if (view.split is { } s && s.IsTest(record, s.Column >= 0 ? Cell(s.Column).ToString() : null) != view.testRows) continue;
                position++;
                return true;
            }
            return false;
        }

        private ReadOnlySpan<char> Cell(int i) => rows.Cell(i);

        private int FirstMissing()
        {
            foreach (var i in view.fileIndex)
                if (view.missing.Contains(Cell(i))) return i;
            return -1;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId id) => id = new DataViewRowId((ulong)record, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var layout = view.layout;
            int i = view.fileIndex[column.Index];
            var name = TableLoader.Name(layout.Names, i);
            Delegate getter;
            if (i == view.labelIndex && view.label!.Task == MlTask.Binary)
                getter = (ValueGetter<bool>)((ref bool v) => v = Class(i, name) == 1);
            else if (i == view.labelIndex && view.label!.Task == MlTask.Multiclass)
                getter = (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> v) => v = view.label!.Classes[Class(i, name)].AsMemory());
            else if (column.Type == NumberDataViewType.Single)
            {
                var kind = i == view.labelIndex ? ColumnKind.Numeric : layout.Kinds[i];
                getter = (ValueGetter<float>)((ref float v) =>
                {
                    var cell = Cell(i);
                    if (view.missing.Contains(cell)) v = float.NaN;
                    else if (kind != ColumnKind.Numeric || !FastNumber.TryParse(cell, out v))
                        v = TableLoader.ParseNumeric(layout.Path, line, name, kind, cell.ToString());
                });
            }
            else
                getter = (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> v) =>
                {
                    var cell = Cell(i);
                    v = view.missing.Contains(cell) ? ReadOnlyMemory<char>.Empty : cell.ToString().AsMemory();
                });
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"column '{column.Name}' is {column.Type}, not {typeof(TValue).Name}");
        }

        private int Class(int i, string column) =>
            view.classIndex.TryGetValue(Cell(i), out int k) ? k
                : throw new DataException(view.layout.Path, line, column, $"class '{Cell(i).ToString()}' was not in the training data; the model knows: {string.Join(", ", view.label!.Classes)}");

        protected override void Dispose(bool disposing)
        {
            if (disposing && !disposed)
            {
                rows.Dispose();
                reader.Dispose();
            }
            disposed = true;
            base.Dispose(disposing);
        }
    }
}
