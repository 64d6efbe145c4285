using System.Globalization;
using nietras.SeparatedValues;

namespace DeepLearning.Pipelines.Data;

/// <summary>Reads the records of a CSV with Sep (a SIMD field splitter) under <see cref="CsvRecordReader"/>'s rules:
/// RFC 4180 quoting, LF or CRLF, blank lines skipped, every record with the header's field count, cells trimmed.
/// <c>strict</c> also checks the quoting with <see cref="CsvRecordReader"/>'s messages (a quote only opening a field,
/// closed, and ending at a separator); without it quotes are only removed (for files already checked). Each row's
/// cells are copied into one buffer, so reading allocates nothing per row.</summary>
internal sealed class CsvRowReader : IDisposable
{
    private readonly SepReader sep;
    private readonly string path;
    private readonly int columns;
    private readonly bool strict;
    private readonly int[] starts, lengths;
    private char[] text = new char[1024];
    private bool headerPending;

    public CsvRowReader(TextReader reader, char separator, string path, int columns, bool header, bool strict)
    {
        this.path = path;
        this.columns = columns;
        this.strict = strict;
        headerPending = header;
        starts = new int[columns];
        lengths = new int[columns];
        sep = Sep.New(separator).Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = false }).From(reader);
    }

    /// <summary>The data record's number (0-based; the header and blank lines do not count).</summary>
    public long Record { get; private set; } = -1;

    /// <summary>The 1-based line the record begins on.</summary>
    public int Line { get; private set; }

    /// <summary>Moves to the next data record; false at the end.</summary>
    public bool MoveNext()
    {
        while (sep.MoveNext())
        {
            var row = sep.Current;
            var span = row.Span;
            if (span.IsEmpty || (span.Length == 1 && span[0] == '\r')) continue; // a blank line
            Line = row.LineNumberFrom;
            if (strict && span.Contains('"')) CsvQuotes.Check(row, path, Line);
            if (headerPending)
            {
                headerPending = false;
                continue;
            }
            Record++;
            if (row.ColCount != columns) throw TableLoader.WrongCount(path, Line, columns, row.ColCount);
            Split(row, span.Length);
            return true;
        }
        return false;
    }

    /// <summary>Cell <paramref name="i"/> of the current record, unquoted and trimmed; valid until the next move.</summary>
    public ReadOnlySpan<char> Cell(int i) => text.AsSpan(starts[i], lengths[i]);

    private void Split(SepReader.Row row, int length)
    {
        if (text.Length < length) text = new char[Math.Max(length, text.Length * 2)];
        int at = 0;
        for (int i = 0; i < columns; i++)
        {
            var raw = row[i].Span;
            if (raw.Length >= 2 && raw[0] == '"')
            {
                // Drop the outer quotes and halve the inner ones (the quoting is known to be well formed).
                int from = at;
                var inner = raw[1..^1];
                for (int j = 0; j < inner.Length; j++)
                {
                    text[at++] = inner[j];
                    if (inner[j] == '"') j++;
                }
                var cell = text.AsSpan(from, at - from);
                starts[i] = from + (cell.Length - cell.TrimStart().Length);
                lengths[i] = cell.Trim().Length;
            }
            else
            {
                var trimmed = raw.Trim();
                trimmed.CopyTo(text.AsSpan(at));
                starts[i] = at;
                lengths[i] = trimmed.Length;
                at += trimmed.Length;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => sep.Dispose();
}
