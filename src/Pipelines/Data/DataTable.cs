using DeepLearning.Pipelines.Spec;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace DeepLearning.Pipelines.Data;

/// <summary>One column of a <see cref="DataTable"/>. Numeric and boolean columns hold floats (NaN = missing),
/// categorical and text columns hold strings (null = missing), a binary label holds bools.</summary>
public sealed class TableColumn
{
    private TableColumn(string name, ColumnKind kind, float[]? numbers, string?[]? texts, bool[]? flags)
    {
        Name = name; Kind = kind; Numbers = numbers; Texts = texts; Flags = flags;
    }

    /// <summary>Column name.</summary>
    public string Name { get; }

    /// <summary>Column kind.</summary>
    public ColumnKind Kind { get; }

    /// <summary>Values of a numeric or boolean column.</summary>
    public float[]? Numbers { get; }

    /// <summary>Values of a categorical or text column.</summary>
    public string?[]? Texts { get; }

    /// <summary>Values of a binary label.</summary>
    public bool[]? Flags { get; }

    /// <summary>Number of rows.</summary>
    public int Length => Numbers?.Length ?? Texts?.Length ?? Flags!.Length;

    /// <summary>The ML.NET type this column is read as.</summary>
    public DataViewType Type => Numbers is not null ? NumberDataViewType.Single : Texts is not null ? TextDataViewType.Instance : BooleanDataViewType.Instance;

    /// <summary>A numeric (or boolean as 0/1) column.</summary>
    public static TableColumn Numeric(string name, ColumnKind kind, float[] values) => new(name, kind, values, null, null);

    /// <summary>A categorical or text column.</summary>
    public static TableColumn Text(string name, ColumnKind kind, string?[] values) => new(name, kind, null, values, null);

    /// <summary>A binary label column.</summary>
    public static TableColumn Flag(string name, bool[] values) => new(name, ColumnKind.Boolean, null, null, values);
}

/// <summary>Data held in memory by column, with where it came from.</summary>
/// <param name="Columns">The columns, in file order.</param>
/// <param name="Source">The file it was read from.</param>
/// <param name="Sha256">SHA-256 of the file's bytes.</param>
/// <param name="Lines">For each row, the 1-based line it starts on (for error messages).</param>
public sealed record DataTable(IReadOnlyList<TableColumn> Columns, string Source, string Sha256, int[] Lines)
{
    /// <summary>Number of rows.</summary>
    public int RowCount => Lines.Length;

    /// <summary>The column named <paramref name="name"/>, or null.</summary>
    public TableColumn? Find(string name) => Columns.FirstOrDefault(c => c.Name == name);

    /// <summary>An ML.NET view of the rows <paramref name="rows"/> (all when null).</summary>
    public IDataView View(int[]? rows = null) => new TableDataView(this, rows ?? Enumerable.Range(0, RowCount).ToArray());

    /// <summary>A copy holding only <paramref name="rows"/>, in that order.</summary>
    public DataTable Select(int[] rows) => this with
    {
        Columns = Columns.Select(c => c switch
        {
            { Numbers: { } n } => TableColumn.Numeric(c.Name, c.Kind, rows.Select(r => n[r]).ToArray()),
            { Texts: { } t } => TableColumn.Text(c.Name, c.Kind, rows.Select(r => t[r]).ToArray()),
            _ => TableColumn.Flag(c.Name, rows.Select(r => c.Flags![r]).ToArray()),
        }).ToList(),
        Lines = rows.Select(r => Lines[r]).ToArray(),
    };

    /// <summary>The same rows with <paramref name="column"/> added or replaced.</summary>
    public DataTable With(TableColumn column) =>
        this with { Columns = Columns.Where(c => c.Name != column.Name).Append(column).ToList() };
}
