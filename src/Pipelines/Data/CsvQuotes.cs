using nietras.SeparatedValues;

namespace DeepLearning.Pipelines.Data;

/// <summary>RFC 4180 checks for a record read by Sep that holds a quote, with <see cref="CsvRecordReader"/>'s messages:
/// a quote may only open a field, a quoted field must be closed, and its closing quote must end the field. Sep splits
/// such records leniently; the readers built on it (batch scoring, streamed training) call this to stay as strict as
/// the loader.</summary>
internal static class CsvQuotes
{
    /// <summary>Throws <see cref="DataException"/> naming <paramref name="path"/>, the line and the column of the
    /// first malformed field of <paramref name="row"/>, which starts on <paramref name="line"/>.</summary>
    public static void Check(SepReader.Row row, string path, int line)
    {
        for (int i = 0; i < row.ColCount; i++)
        {
            var raw = row[i].Span;
            if (raw.IndexOf('"') < 0) continue;
            if (raw[0] != '"')
                throw new DataException(path, line, $"{i + 1}", "a quote inside an unquoted field; quote the whole field and double the quotes inside it (RFC 4180)");
            int j = 1;
            while (true)
            {
                int next = raw[j..].IndexOf('"');
                if (next < 0) throw new DataException(path, line, null, "a quoted field is never closed (a \" is missing)");
                j += next + 1;
                if (j < raw.Length && raw[j] == '"') { j++; continue; }
                break;
            }
            if (j < raw.Length)
            {
                int atLine = line + raw[..j].Count('\n');
                throw new DataException(path, atLine, $"{i + 1}", $"unexpected character '{raw[j]}' after a closing quote; a quoted field must end at a separator or the line end");
            }
        }
    }
}
