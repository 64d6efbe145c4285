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
/// mini-batches). Rows are numbered by their data record (0-based; the row id ML.NET sees), and
/// a filter selects some of them (a split). Cells are parsed only for the columns a cursor asks for.</summary>
public sealed class CsvDataView : IDataView
{
    private readonly CsvLayout layout;
    private readonly StreamLabel? label;
    private readonly Func<long, IReadOnlyList<string>, bool>? keep;
    private readonly long? rowCount;
    private readonly int[] fileIndex;
    private readonly int labelIndex = -1;
    private readonly Dictionary<string, int>? classIndex;

    /// <summary>A view of the rows of <paramref name="layout"/>'s file that <paramref name="keep"/> accepts (all when
    /// null), given the record number and the row's fields; <paramref name="rowCount"/> when known.</summary>
    public CsvDataView(CsvLayout layout, StreamLabel? label, Func<long, IReadOnlyList<string>, bool>? keep = null, long? rowCount = null)
    {
        this.layout = layout;
        this.label = label;
        this.keep = keep;
        this.rowCount = rowCount;
        fileIndex = layout.Kept.ToArray();
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
        if (label is not null)
        {
            labelIndex = layout.Names.ToList().IndexOf(label.Name);
            if (labelIndex < 0 || !fileIndex.Contains(labelIndex))
                throw new ArgumentException($"the label '{label.Name}' is not among the columns read from {layout.Path}");
            if (label.Task != MlTask.Regression)
                classIndex = label.Classes.Select((c, k) => (c, k)).ToDictionary(x => x.c, x => x.k, StringComparer.Ordinal);
        }
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
        private readonly CsvRecordReader csv;
        private readonly List<string> fields = [];
        private long position = -1, record = -1;
        private int line;
        private bool disposed;

        public Cursor(CsvDataView view, HashSet<int> active)
        {
            this.view = view;
            this.active = active;
            var layout = view.layout;
            reader = DataSource.Open(layout.Path);
            csv = new CsvRecordReader(reader, layout.Separator, layout.Path);
            if (layout.Header) csv.Read(fields);
        }

        public override DataViewSchema Schema => view.Schema;
        public override long Position => position;
        public override long Batch => 0;
        public override bool IsColumnActive(DataViewSchema.Column column) => active.Contains(column.Index);

        public override bool MoveNext()
        {
            if (disposed) return false;
            var layout = view.layout;
            while (csv.Read(fields))
            {
                record++;
                line = csv.RecordLine;
                if (fields.Count != layout.Names.Count) throw TableLoader.WrongCount(layout.Path, line, layout.Names.Count, fields.Count);
                if (layout.Policy != MissingPolicy.Keep && FirstMissing() is var gap and >= 0)
                {
                    if (layout.Policy == MissingPolicy.DropRows) continue;
                    throw new DataException(layout.Path, line, TableLoader.Name(layout.Names, gap), $"missing value '{fields[gap].Trim()}' while data.missing.policy is 'error'");
                }
                if (view.labelIndex >= 0 && layout.Missing.Contains(fields[view.labelIndex].Trim())) continue;
                if (view.keep is not null && !view.keep(record, fields)) continue;
                position++;
                return true;
            }
            return false;
        }

        private int FirstMissing()
        {
            foreach (var i in view.fileIndex)
                if (view.layout.Missing.Contains(fields[i].Trim())) return i;
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
                getter = (ValueGetter<bool>)((ref bool v) => v = Class(fields[i].Trim(), name) == 1);
            else if (i == view.labelIndex && view.label!.Task == MlTask.Multiclass)
                getter = (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> v) => { var cell = fields[i].Trim(); Class(cell, name); v = cell.AsMemory(); });
            else if (column.Type == NumberDataViewType.Single)
            {
                var kind = i == view.labelIndex ? ColumnKind.Numeric : layout.Kinds[i];
                getter = (ValueGetter<float>)((ref float v) =>
                {
                    var cell = fields[i].Trim();
                    v = layout.Missing.Contains(cell) ? float.NaN : TableLoader.ParseNumeric(layout.Path, line, name, kind, cell);
                });
            }
            else
                getter = (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> v) =>
                {
                    var cell = fields[i].Trim();
                    v = layout.Missing.Contains(cell) ? ReadOnlyMemory<char>.Empty : cell.AsMemory();
                });
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"column '{column.Name}' is {column.Type}, not {typeof(TValue).Name}");
        }

        private int Class(string cell, string column) =>
            view.classIndex!.TryGetValue(cell, out int k) ? k
                : throw new DataException(view.layout.Path, line, column, $"class '{cell}' was not in the training data; the model knows: {string.Join(", ", view.label!.Classes)}");

        protected override void Dispose(bool disposing)
        {
            if (disposing && !disposed) reader.Dispose();
            disposed = true;
            base.Dispose(disposing);
        }
    }
}
