using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Data;

/// <summary>How to read a data file.</summary>
/// <param name="Separator">`auto` or one character (`\t` for tab).</param>
/// <param name="Header">Whether the first record names the columns.</param>
/// <param name="MissingValues">Cell values that mean missing.</param>
/// <param name="Policy">What to do with rows that have a missing value in a kept column.</param>
/// <param name="Kinds">Declared column kinds; other columns are inferred.</param>
/// <param name="Keep">Columns to keep (null: all but ignored ones). Others are not parsed or stored.</param>
/// <param name="Required">Columns that must be in the file.</param>
public sealed record ReadOptions(
    string Separator,
    bool Header,
    IReadOnlyList<string> MissingValues,
    MissingPolicy Policy,
    IReadOnlyDictionary<string, ColumnKind> Kinds,
    IReadOnlySet<string>? Keep = null,
    IReadOnlyList<string>? Required = null)
{
    /// <summary>Read options taken from a spec's <c>data</c> section.</summary>
    public static ReadOptions From(DataSpec data) =>
        new(data.Separator, data.Header, data.Missing.Values, data.Missing.Policy, data.Columns);
}
