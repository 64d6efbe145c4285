using System.Text;
using DeepLearning.Pipelines.Spec;
using nietras.SeparatedValues;

namespace DeepLearning.Pipelines.Data;

/// <summary>Reads a CSV/TSV file (optionally gzip) into <see cref="ColumnChunk"/>s with Sep, a SIMD field splitter,
/// for batch scoring: every kept column's kind must be declared (a model's input schema). It keeps the rules and the
/// messages of <see cref="TableLoader"/>: RFC 4180 quoting (separators, doubled quotes and line breaks inside quotes),
/// LF or CRLF, blank lines skipped, cells trimmed, the missing-value tokens, and errors naming file, line, column,
/// what was received and what is allowed. Numbers parse to exactly the floats <see cref="TableLoader"/> gives.</summary>
public sealed class CsvChunkReader : IDisposable
{
    private readonly string path;
    private readonly TextReader text;
    private readonly SepReader sep;
    private readonly IReadOnlyList<string> fileNames;
    private readonly int[] kept;
    private readonly ColumnKind[] keptKinds;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> missing;
    private readonly bool emptyIsMissing;
    private readonly bool[] missingStarts = new bool[128];
    private readonly bool anyNonAsciiMissing;
    private bool headerPending;
    private bool ended;

    private CsvChunkReader(string path, ReadOptions options)
    {
        this.path = path;
        char separator = DataSource.Separator(options.Separator, path);
        fileNames = TableLoader.ReadHeader(path, separator, options.Header);
        foreach (var required in options.Required ?? [])
            if (!fileNames.Contains(required))
                throw new DataException(path, 1, null, $"no column named '{required}'{SpecBinder.Suggest(required, fileNames)}; the file has: {string.Join(", ", fileNames)}");
        kept = Enumerable.Range(0, fileNames.Count).Where(i => options.Keep?.Contains(fileNames[i]) ?? options.Kinds.ContainsKey(fileNames[i])).ToArray();
        keptKinds = kept.Select(i => options.Kinds.GetValueOrDefault(fileNames[i])).ToArray();
        Names = kept.Select(i => fileNames[i]).ToList();
        var tokens = options.MissingValues.ToHashSet(StringComparer.Ordinal);
        missing = tokens.GetAlternateLookup<ReadOnlySpan<char>>();
        emptyIsMissing = tokens.Contains("");
        foreach (var token in tokens.Where(t => t.Length > 0))
        {
            if (token[0] < 128) missingStarts[token[0]] = true;
            else anyNonAsciiMissing = true;
        }
        headerPending = options.Header;
        text = DataSource.Open(path);
        try
        {
            sep = Sep.New(separator).Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = false }).From(text);
        }
        catch
        {
            text.Dispose();
            throw;
        }
    }

    /// <summary>Opens <paramref name="path"/>; reads and checks its header.</summary>
    public static CsvChunkReader Open(string path, ReadOptions options) => new(path, options);

    /// <summary>The kept columns' names, in file order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The kept columns' kinds.</summary>
    public IReadOnlyList<ColumnKind> Kinds => keptKinds;

    /// <summary>An empty chunk for this file's kept columns.</summary>
    public ColumnChunk NewChunk(int capacity) => new(Names, keptKinds, capacity);

    /// <summary>Data rows read so far.</summary>
    public long Rows { get; private set; }

    /// <summary>Fills <paramref name="chunk"/> with up to its capacity of rows; false when the file had no more rows.
    /// A file with a header and no rows fails with "the file has a header but no data rows".</summary>
    public bool Read(ColumnChunk chunk)
    {
        chunk.Count = 0;
        while (!ended && chunk.Count < chunk.Capacity)
        {
            if (!sep.MoveNext())
            {
                ended = true;
                break;
            }
            var row = sep.Current;
            var span = row.Span;
            if (span.IsEmpty || (span.Length == 1 && span[0] == '\r')) continue; // a blank line
            if (headerPending)
            {
                headerPending = false;
                continue;
            }
            AddRow(row, span, chunk);
        }
        if (chunk.Count == 0 && Rows == 0)
            throw new DataException(path, null, null, "the file has a header but no data rows");
        Rows += chunk.Count;
        return chunk.Count > 0;
    }

    private void AddRow(SepReader.Row row, ReadOnlySpan<char> span, ColumnChunk chunk)
    {
        int line = row.LineNumberFrom;
        bool quoted = span.Contains('"');
        if (quoted) CsvQuotes.Check(row, path, line);
        if (row.ColCount != fileNames.Count) throw TableLoader.WrongCount(path, line, fileNames.Count, row.ColCount);
        int r = chunk.Count;
        for (int k = 0; k < kept.Length; k++)
        {
            int i = kept[k];
            var raw = row[i].Span;
            var cell = (quoted && raw.Length > 0 && raw[0] == '"' ? Unquote(raw).AsSpan() : raw).Trim();
            bool isMissing = IsMissing(cell);
            if (chunk.Numbers[k] is { } numbers)
                numbers[r] = isMissing ? float.NaN : ParseNumber(cell, line, i, keptKinds[k]);
            else chunk.Texts[k]![r] = isMissing ? null : cell.ToString();
        }
        chunk.Lines[r] = line;
        chunk.Count = r + 1;
    }

    private bool IsMissing(ReadOnlySpan<char> cell)
    {
        if (cell.IsEmpty) return emptyIsMissing;
        char first = cell[0];
        if (first < 128 ? !missingStarts[first] : !anyNonAsciiMissing) return false;
        return missing.Contains(cell);
    }

    private float ParseNumber(ReadOnlySpan<char> cell, int line, int column, ColumnKind kind)
    {
        if (kind == ColumnKind.Numeric && FastNumber.TryParse(cell, out var value)) return value;
        // Booleans and every failure go through the loader's own code, so values and messages stay the same.
        return TableLoader.ParseNumeric(path, line, TableLoader.Name(fileNames, column), kind, cell.ToString());
    }

    private static string Unquote(ReadOnlySpan<char> raw)
    {
        // CheckQuotes has made sure the field is "…" with inner quotes doubled.
        var inner = raw[1..^1];
        var builder = new StringBuilder(inner.Length);
        for (int i = 0; i < inner.Length; i++)
        {
            builder.Append(inner[i]);
            if (inner[i] == '"') i++;
        }
        return builder.ToString();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        sep.Dispose();
        text.Dispose();
    }
}
