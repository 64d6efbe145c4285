using System.Globalization;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Data;

/// <summary>What one pass over a column's cells tells about its kind.</summary>
internal sealed class ColumnStatistics
{
    private const int DistinctCap = 1001;
    private readonly HashSet<string> distinct = new(StringComparer.Ordinal);
    private bool numeric = true, boolean = true;
    private long totalLength;
    private int present;

    /// <summary>The first cell that is not a number, for "expected a number" errors.</summary>
    public (int Line, string Value)? FirstNonNumeric { get; private set; }

    public void Add(string cell, int line)
    {
        present++;
        totalLength += cell.Length;
        if (distinct.Count < DistinctCap) distinct.Add(cell);
        if (numeric && !TryParseNumber(cell, out _)) { numeric = false; FirstNonNumeric = (line, cell); }
        if (boolean && !IsBooleanWord(cell)) boolean = false;
    }

    /// <summary>Numbers → numeric; true/false or yes/no → boolean; few distinct short strings → categorical; else text.</summary>
    public ColumnKind Infer()
    {
        if (present == 0 || numeric) return ColumnKind.Numeric;
        if (boolean) return ColumnKind.Boolean;
        double meanLength = (double)totalLength / present;
        bool few = distinct.Count <= 50 || (distinct.Count < DistinctCap && distinct.Count <= 0.5 * present);
        return few && meanLength <= 30 ? ColumnKind.Categorical : ColumnKind.Text;
    }

    public static bool TryParseNumber(string cell, out float value) =>
        float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    public static bool IsBooleanWord(string cell) =>
        cell.Equals("true", StringComparison.OrdinalIgnoreCase) || cell.Equals("false", StringComparison.OrdinalIgnoreCase) ||
        cell.Equals("yes", StringComparison.OrdinalIgnoreCase) || cell.Equals("no", StringComparison.OrdinalIgnoreCase);

    public static bool? ParseBoolean(string cell) =>
        cell.Equals("true", StringComparison.OrdinalIgnoreCase) || cell.Equals("yes", StringComparison.OrdinalIgnoreCase) || cell == "1" ? true
        : cell.Equals("false", StringComparison.OrdinalIgnoreCase) || cell.Equals("no", StringComparison.OrdinalIgnoreCase) || cell == "0" ? false
        : null;
}
