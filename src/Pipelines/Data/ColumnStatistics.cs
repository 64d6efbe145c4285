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
    private int present, nonNumeric;

    /// <summary>The first cell that is not a number, for "expected a number" errors.</summary>
    public (int Line, string Value)? FirstNonNumeric { get; private set; }

    public void Add(string cell, int line)
    {
        present++;
        totalLength += cell.Length;
        if (distinct.Count < DistinctCap) distinct.Add(cell);
        if (!TryParseNumber(cell, out _))
        {
            if (numeric) FirstNonNumeric = (line, cell);
            numeric = false;
            nonNumeric++;
        }
        if (boolean && !IsBooleanWord(cell)) boolean = false;
    }

    /// <summary>A column of numbers with a stray word or two (under 1 % of at least 100 values) is most likely a
    /// typo or an undeclared missing-value token: reading it as categorical would silently change the model.</summary>
    public bool LooksLikeNumbersWithTypos => nonNumeric > 0 && present >= 100 && nonNumeric < 0.01 * present;

    /// <summary>How many cells are not numbers.</summary>
    public int NonNumericCount => nonNumeric;

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
