using System.Security.Cryptography;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Data;

/// <summary>Loads a CSV/TSV (optionally gzip) file into a <see cref="DataTable"/>: one pass to infer the kinds of
/// columns not declared, one to convert. Every error names the file, line and column.</summary>
public static class TableLoader
{
    /// <summary>Loads <paramref name="path"/>.</summary>
    public static DataTable Load(string path, ReadOptions options)
    {
        char separator = DataSource.Separator(options.Separator, path);
        var missing = options.MissingValues.ToHashSet(StringComparer.Ordinal);
        var names = ReadHeader(path, separator, options.Header);
        CheckColumns(path, names, options);

        var (kept, kinds) = ResolveKinds(path, separator, options, names, missing);
        return Convert(path, separator, options, names, kept, kinds, missing);
    }

    /// <summary>The columns kept and the kind of each: declared, else inferred from the first
    /// <paramref name="inferRows"/> rows (every row by default).</summary>
    internal static (int[] Kept, ColumnKind[] Kinds) ResolveKinds(string path, char separator, ReadOptions options, IReadOnlyList<string> names, HashSet<string> missing, int inferRows = int.MaxValue)
    {
        var kept = Enumerable.Range(0, names.Count)
            .Where(i => options.Keep?.Contains(names[i]) ?? options.Kinds.GetValueOrDefault(names[i]) != ColumnKind.Ignore)
            .ToArray();
        var kinds = new ColumnKind[names.Count];
        var undeclared = kept.Where(i => !options.Kinds.ContainsKey(names[i])).ToArray();
        foreach (var i in kept) kinds[i] = options.Kinds.GetValueOrDefault(names[i]);
        if (undeclared.Length > 0)
        {
            var stats = Infer(path, separator, options.Header, names, undeclared, missing, inferRows);
            for (int k = 0; k < undeclared.Length; k++)
            {
                if (stats[k].LooksLikeNumbersWithTypos && stats[k].FirstNonNumeric is var (line, value))
                    throw new DataException(path, line, Name(names, undeclared[k]),
                        $"the column holds numbers except '{value}' here{(stats[k].NonNumericCount > 1 ? $" and {stats[k].NonNumericCount - 1} more cell(s)" : "")}; fix the cell, list it under data.missing.values, or declare the column categorical under data.columns");
                kinds[undeclared[k]] = stats[k].Infer();
            }
        }
        return (kept, kinds);
    }

    /// <summary>Every required and every declared column must be in the file.</summary>
    internal static void CheckColumns(string path, IReadOnlyList<string> names, ReadOptions options)
    {
        foreach (var required in options.Required ?? [])
            if (!names.Contains(required))
                throw new DataException(path, 1, null, $"no column named '{required}'{SpecBinder.Suggest(required, names)}; the file has: {string.Join(", ", names)}");
        foreach (var declared in options.Kinds.Keys)
            if (!names.Contains(declared))
                throw new DataException(path, 1, null, $"data.columns names '{declared}', which is not in the file{SpecBinder.Suggest(declared, names)}; the file has: {string.Join(", ", names)}");
    }

    /// <summary>The column names: the header row, or column_1 … column_N.</summary>
    public static IReadOnlyList<string> ReadHeader(string path, char separator, bool header)
    {
        using var reader = DataSource.Open(path);
        var csv = new CsvRecordReader(reader, separator, path);
        var fields = new List<string>();
        if (!csv.Read(fields)) throw new DataException(path, null, null, "the file is empty: expected a header row and data rows");
        if (!header) return Enumerable.Range(1, fields.Count).Select(i => $"column_{i}").ToList();
        var names = fields.Select(f => f.Trim()).ToList();
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i].Length == 0) throw new DataException(path, 1, $"#{i + 1}", "the header has an empty column name");
            int first = names.IndexOf(names[i]);
            if (first < i) throw new DataException(path, 1, $"#{i + 1}", $"the header names '{names[i]}' twice (columns {first + 1} and {i + 1})");
        }
        return names;
    }

    internal static ColumnStatistics[] Infer(string path, char separator, bool header, IReadOnlyList<string> names, int[] columns, HashSet<string> missing, int maxRows = int.MaxValue)
    {
        var stats = columns.Select(_ => new ColumnStatistics()).ToArray();
        using var reader = DataSource.Open(path);
        var csv = new CsvRecordReader(reader, separator, path);
        var fields = new List<string>();
        if (header) csv.Read(fields);
        for (int read = 0; read < maxRows && csv.Read(fields); read++)
        {
            if (fields.Count != names.Count) throw WrongCount(path, csv.RecordLine, names.Count, fields.Count);
            for (int k = 0; k < columns.Length; k++)
            {
                var cell = fields[columns[k]].Trim();
                if (!missing.Contains(cell)) stats[k].Add(cell, csv.RecordLine);
            }
        }
        return stats;
    }

    /// <summary>Reads <paramref name="path"/> in chunks of at most <paramref name="chunkRows"/> rows, for files of any
    /// size. Every kept column's kind must be declared in <paramref name="options"/> (a model's input schema).</summary>
    public static IEnumerable<DataTable> ReadChunks(string path, ReadOptions options, int chunkRows)
    {
        char separator = DataSource.Separator(options.Separator, path);
        var names = ReadHeader(path, separator, options.Header);
        foreach (var required in options.Required ?? [])
            if (!names.Contains(required))
                throw new DataException(path, 1, null, $"no column named '{required}'{SpecBinder.Suggest(required, names)}; the file has: {string.Join(", ", names)}");
        var kept = Enumerable.Range(0, names.Count).Where(i => options.Keep?.Contains(names[i]) ?? options.Kinds.ContainsKey(names[i])).ToArray();
        var kinds = names.Select(n => options.Kinds.GetValueOrDefault(n)).ToArray();
        return Convert(path, separator, options, names, kept, kinds, options.MissingValues.ToHashSet(StringComparer.Ordinal), chunkRows);
    }

    private static DataTable Convert(string path, char separator, ReadOptions options, IReadOnlyList<string> names, int[] kept, ColumnKind[] kinds, HashSet<string> missing) =>
        Convert(path, separator, options, names, kept, kinds, missing, int.MaxValue).Single();

    private static IEnumerable<DataTable> Convert(string path, char separator, ReadOptions options, IReadOnlyList<string> names, int[] kept, ColumnKind[] kinds, HashSet<string> missing, int chunkRows)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var reader = DataSource.Open(path, hash);
        var csv = new CsvRecordReader(reader, separator, path);
        var fields = new List<string>();
        if (options.Header) csv.Read(fields);
        bool any = false;
        while (true)
        {
            var numbers = kept.ToDictionary(i => i, i => kinds[i] is ColumnKind.Numeric or ColumnKind.Boolean ? new List<float>() : null);
            var texts = kept.ToDictionary(i => i, i => numbers[i] is null ? new List<string?>() : null);
            var lines = new List<int>();
            bool more = true;
            while (lines.Count < chunkRows && (more = csv.Read(fields))) AddRow();
            void AddRow()
            {
                int line = csv.RecordLine;
                if (fields.Count != names.Count) throw WrongCount(path, line, names.Count, fields.Count);
                if (options.Policy != MissingPolicy.Keep && kept.FirstOrDefault(i => missing.Contains(fields[i].Trim()), -1) is var gap and >= 0)
                {
                    if (options.Policy == MissingPolicy.DropRows) return;
                    throw new DataException(path, line, Name(names, gap), $"missing value '{fields[gap].Trim()}' while data.missing.policy is 'error'");
                }
                lines.Add(line);
                foreach (var i in kept)
                {
                    var cell = fields[i].Trim();
                    bool isMissing = missing.Contains(cell);
                    if (numbers[i] is { } list) list.Add(isMissing ? float.NaN : ParseNumeric(path, line, Name(names, i), kinds[i], cell));
                    else texts[i]!.Add(isMissing ? null : cell);
                }
            }
            if (!more) while (reader.Read() >= 0) { } // hash what a gzip reader may have left unread
            if (lines.Count == 0)
            {
                if (any) yield break;
                throw new DataException(path, null, null, options.Policy == MissingPolicy.DropRows
                    ? "no rows left after dropping rows with missing values"
                    : "the file has a header but no data rows");
            }
            any = true;
            var columns = kept.Select(i => numbers[i] is { } n
                ? TableColumn.Numeric(names[i], kinds[i], n.ToArray())
                : TableColumn.Text(names[i], kinds[i], texts[i]!.ToArray())).ToList();
            yield return new DataTable(columns, path, more ? "" : System.Convert.ToHexStringLower(hash.GetHashAndReset()), lines.ToArray());
            if (!more) yield break;
        }
    }

    internal static float ParseNumeric(string path, int line, string column, ColumnKind kind, string cell)
    {
        if (kind == ColumnKind.Boolean)
            return ColumnStatistics.ParseBoolean(cell) is { } b ? (b ? 1f : 0f)
                : throw new DataException(path, line, column, $"expected true/false, yes/no or 1/0, received '{cell}'");
        return ColumnStatistics.TryParseNumber(cell, out var value) ? value
            : throw new DataException(path, line, column, $"expected a number, received '{cell}' (the column is declared numeric; use '.' as the decimal point)");
    }

    internal static string Name(IReadOnlyList<string> names, int index) => $"'{names[index]}' (#{index + 1})";

    internal static DataException WrongCount(string path, int line, int expected, int received) =>
        new(path, line, null, $"expected {expected} fields as in the header, received {received} (is a field with a separator missing its quotes?)");
}
