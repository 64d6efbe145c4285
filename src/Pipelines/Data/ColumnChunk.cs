using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Data;

/// <summary>A reusable block of parsed rows held by column: numeric and boolean columns as floats (NaN = missing),
/// the others as strings (null = missing), plus the line each row began on. Filled by <see cref="CsvChunkReader"/>.</summary>
public sealed class ColumnChunk
{
    internal ColumnChunk(IReadOnlyList<string> names, IReadOnlyList<ColumnKind> kinds, int capacity)
    {
        Names = names;
        Kinds = kinds;
        Capacity = capacity;
        Numbers = kinds.Select(k => IsNumeric(k) ? new float[capacity] : null).ToArray();
        Texts = kinds.Select(k => IsNumeric(k) ? null : new string?[capacity]).ToArray();
        Lines = new int[capacity];
    }

    /// <summary>Names of the columns held, in file order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Their kinds.</summary>
    public IReadOnlyList<ColumnKind> Kinds { get; }

    /// <summary>Rows the chunk can hold.</summary>
    public int Capacity { get; }

    /// <summary>Rows it holds now.</summary>
    public int Count { get; internal set; }

    /// <summary>Per column: its values when numeric or boolean, else null.</summary>
    public float[]?[] Numbers { get; }

    /// <summary>Per column: its values when categorical or text, else null.</summary>
    public string?[]?[] Texts { get; }

    /// <summary>The 1-based line each row began on.</summary>
    public int[] Lines { get; }

    /// <summary>The index of column <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < Names.Count; i++) if (Names[i] == name) return i;
        return -1;
    }

    /// <summary>A copy of the rows (the first <paramref name="rows"/>, or all) as a <see cref="DataTable"/>, for the
    /// general ML.NET path.</summary>
    public DataTable ToTable(string source, int? rows = null)
    {
        int count = Math.Min(rows ?? Count, Count);
        return new(Names.Select((name, i) => Numbers[i] is { } n
                ? TableColumn.Numeric(name, Kinds[i], n.AsSpan(0, count).ToArray())
                : TableColumn.Text(name, Kinds[i], Texts[i]!.AsSpan(0, count).ToArray())).ToList(),
            source, "", Lines.AsSpan(0, count).ToArray());
    }

    internal static bool IsNumeric(ColumnKind kind) => kind is ColumnKind.Numeric or ColumnKind.Boolean;
}
