using System.Text;

namespace DeepLearning.Pipelines.Data;

/// <summary>Reads RFC 4180 records: separator-delimited fields, double-quoted fields that may hold separators,
/// quotes (doubled) and line breaks; LF or CRLF line ends; blank lines skipped. Tracks line numbers for errors.</summary>
public sealed class CsvRecordReader(TextReader reader, char separator, string source)
{
    private readonly StringBuilder field = new();
    private readonly char[] buffer = new char[1 << 16];
    private int length, position, line = 1;

    /// <summary>The 1-based line on which the last record read began.</summary>
    public int RecordLine { get; private set; }

    /// <summary>Reads the next record into <paramref name="fields"/>; false at end of input.</summary>
    public bool Read(List<string> fields)
    {
        fields.Clear();
        while (true)
        {
            int c = Peek();
            if (c < 0) return false;
            if (c == '\n' || c == '\r') { ConsumeNewline(); continue; } // blank line
            break;
        }
        RecordLine = line;
        while (true)
        {
            bool endOfRecord = ReadField(fields);
            if (endOfRecord) return true;
        }
    }

    private bool ReadField(List<string> fields)
    {
        field.Clear();
        int c = Peek();
        if (c == '"')
        {
            int startLine = line;
            Next();
            while (true)
            {
                c = Next();
                if (c < 0) throw new DataException(source, startLine, null, "a quoted field is never closed (a \" is missing)");
                if (c == '"')
                {
                    if (Peek() == '"') { Next(); field.Append('"'); continue; }
                    break;
                }
                if (c == '\n') line++;
                field.Append((char)c);
            }
            fields.Add(field.ToString());
            c = Peek();
            if (c == separator) { Next(); return false; }
            if (c < 0) return true;
            if (c == '\n' || c == '\r') { ConsumeNewline(); return true; }
            throw new DataException(source, line, $"{fields.Count}", $"unexpected character '{(char)c}' after a closing quote; a quoted field must end at a separator or the line end");
        }
        while (true)
        {
            c = Peek();
            if (c < 0) { fields.Add(field.ToString()); return true; }
            if (c == separator) { Next(); fields.Add(field.ToString()); return false; }
            if (c == '\n' || c == '\r') { fields.Add(field.ToString()); ConsumeNewline(); return true; }
            if (c == '"')
                throw new DataException(source, line, $"{fields.Count + 1}", "a quote inside an unquoted field; quote the whole field and double the quotes inside it (RFC 4180)");
            field.Append((char)Next());
        }
    }

    private void ConsumeNewline()
    {
        if (Next() == '\r' && Peek() == '\n') Next();
        line++;
    }

    private int Peek()
    {
        if (position == length)
        {
            length = reader.Read(buffer, 0, buffer.Length);
            position = 0;
            if (length <= 0) { length = 0; return -1; }
        }
        return buffer[position];
    }

    private int Next()
    {
        int c = Peek();
        if (c >= 0) position++;
        return c;
    }
}
