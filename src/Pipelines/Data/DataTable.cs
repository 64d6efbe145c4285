using DeepLearning.Pipelines.Spec;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace DeepLearning.Pipelines.Data;

/// <summary>One column of a <see cref="DataTable"/>. Numeric and boolean columns hold floats (NaN = missing),
/// categorical and text columns hold strings (null = missing), a binary label holds bools.</summary>
public sealed class TableColumn
{
    private TableColumn(string name, ColumnKind kind, float[]? numbers, string?[]? texts, bool[]? flags, float[]? vectors = null, int width = 0)
    {
        Name = name; Kind = kind; Numbers = numbers; Texts = texts; Flags = flags; Vectors = vectors; Width = width;
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

    /// <summary>Values of a vector column (an image), row-major: <see cref="Length"/> × <see cref="Width"/> in one
    /// array, so hundreds of pixels reach ML.NET and the network as one vector rather than one column each.</summary>
    public float[]? Vectors { get; }

    /// <summary>Values per row of a vector column (0 otherwise).</summary>
    public int Width { get; }

    /// <summary>Number of rows.</summary>
    public int Length => Numbers?.Length ?? Texts?.Length ?? (Vectors is { } v ? v.Length / Width : Flags!.Length);

    /// <summary>The ML.NET type this column is read as.</summary>
    public DataViewType Type => Numbers is not null ? NumberDataViewType.Single : Texts is not null ? TextDataViewType.Instance
        : Vectors is not null ? new VectorDataViewType(NumberDataViewType.Single, Width) : BooleanDataViewType.Instance;

    /// <summary>One number per row: the values of a numeric column, or each row's mean of a vector column (an image's
    /// mean brightness, which is what drift in images most often is); null for text and flags.</summary>
    public float[]? Scalars()
    {
        if (Numbers is not null || Vectors is null) return Numbers;
        var means = new float[Length];
        for (int r = 0; r < means.Length; r++)
        {
            double sum = 0;
            foreach (var v in Vectors.AsSpan(r * Width, Width)) sum += v;
            means[r] = (float)(sum / Width);
        }
        return means;
    }

    /// <summary>A numeric (or boolean as 0/1) column.</summary>
    public static TableColumn Numeric(string name, ColumnKind kind, float[] values) => new(name, kind, values, null, null);

    /// <summary>A categorical or text column.</summary>
    public static TableColumn Text(string name, ColumnKind kind, string?[] values) => new(name, kind, null, values, null);

    /// <summary>A vector column: <paramref name="values"/> holds the rows one after another, <paramref name="width"/> each.</summary>
    public static TableColumn Vector(string name, ColumnKind kind, float[] values, int width)
    {
        if (width < 1 || values.Length % width != 0)
            throw new ArgumentException($"{values.Length} values do not split into rows of {width}", nameof(values));
        return new(name, kind, null, null, null, values, width);
    }

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
            { Vectors: { } v, Width: var w } => TableColumn.Vector(c.Name, c.Kind, SelectRows(v, w, rows), w),
            _ => TableColumn.Flag(c.Name, rows.Select(r => c.Flags![r]).ToArray()),
        }).ToList(),
        Lines = rows.Select(r => Lines[r]).ToArray(),
    };

    private static float[] SelectRows(float[] values, int width, int[] rows)
    {
        var selected = new float[rows.Length * width];
        for (int i = 0; i < rows.Length; i++) values.AsSpan(rows[i] * width, width).CopyTo(selected.AsSpan(i * width, width));
        return selected;
    }

    /// <summary>The same rows with <paramref name="column"/> added or replaced.</summary>
    public DataTable With(TableColumn column) =>
        this with { Columns = Columns.Where(c => c.Name != column.Name).Append(column).ToList() };
}
