namespace DeepLearning.Host.Rendering.Text;

/// <summary>A table in rounded box lines, as wide as its content: columns with a header each, left- or right-aligned.
/// When the content is wider than the canvas, the widest columns give way first and their cells wrap at spaces.</summary>
public sealed class TextTable
{
    private readonly List<string> headers = [];
    private readonly List<ColumnAlignment> alignments = []; // a class, not a bool: see TextCell's remarks
    private readonly List<TextCell[]> rows = [];

    /// <summary>Adds a column.</summary>
    public TextTable Column(string header, bool alignRight = false)
    {
        if (rows.Count > 0) throw new InvalidOperationException("add every column before the first row");
        headers.Add(header);
        alignments.Add(alignRight ? ColumnAlignment.Right : ColumnAlignment.Left);
        return this;
    }

    /// <summary>Adds a row: one cell per column.</summary>
    public TextTable Row(params TextCell[] cells)
    {
        if (cells.Length != headers.Count)
            throw new ArgumentException($"a row of {cells.Length} cells in a table of {headers.Count} columns", nameof(cells));
        rows.Add(cells);
        return this;
    }

    /// <summary>Draws the table on <paramref name="canvas"/>.</summary>
    public void Render(TextCanvas canvas)
    {
        var widths = ColumnWidths(canvas.Width);
        Rule(canvas, widths, '╭', '┬', '╮');
        var header = new TextCell[headers.Count];
        for (int c = 0; c < header.Length; c++) header[c] = headers[c];
        Cells(canvas, widths, header);
        Rule(canvas, widths, '├', '┼', '┤');
        foreach (var row in rows) Cells(canvas, widths, row);
        Rule(canvas, widths, '╰', '┴', '╯');
    }

    /// <summary>Each column's width: the widest cell, then, while the table is too wide for <paramref name="total"/>
    /// columns, one less for the widest column that can still keep its words whole (then for any widest one).</summary>
    private int[] ColumnWidths(int total)
    {
        int n = headers.Count;
        var widths = new int[n];
        var words = new int[n];
        for (int c = 0; c < n; c++)
        {
            widths[c] = Math.Max(1, TextWrap.WidestLine(headers[c]));
            words[c] = Math.Max(1, TextWrap.WidestWord(headers[c]));
            foreach (var row in rows)
            {
                widths[c] = Math.Max(widths[c], TextWrap.WidestLine(row[c].Text));
                words[c] = Math.Max(words[c], TextWrap.WidestWord(row[c].Text));
            }
        }
        int available = total - (3 * n + 1); // "│ " before each column, " " after it, and the closing "│"
        int excess = -available;
        for (int c = 0; c < n; c++) excess += widths[c];
        while (excess > 0 && (Shrink(widths, words) || Shrink(widths, null))) excess--;
        return widths;
    }

    // One column less for the widest column above its floor (its widest word, or 1 when words may break).
    private static bool Shrink(int[] widths, int[]? floors)
    {
        int widest = -1;
        for (int c = 0; c < widths.Length; c++)
            if (widths[c] > (floors?[c] ?? 1) && (widest < 0 || widths[c] > widths[widest])) widest = c;
        if (widest < 0) return false;
        widths[widest]--;
        return true;
    }

    private static void Rule(TextCanvas canvas, int[] widths, char left, char middle, char right)
    {
        for (int c = 0; c < widths.Length; c++) canvas.Append(c == 0 ? left.ToString() : middle.ToString()).Repeat('─', widths[c] + 2);
        canvas.Line(right.ToString());
    }

    private void Cells(TextCanvas canvas, int[] widths, TextCell[] cells)
    {
        var lines = new List<string>[cells.Length];
        int height = 1;
        for (int c = 0; c < cells.Length; c++)
        {
            lines[c] = TextWrap.Lines(cells[c].Text, widths[c]);
            height = Math.Max(height, lines[c].Count);
        }
        for (int l = 0; l < height; l++)
        {
            for (int c = 0; c < cells.Length; c++)
            {
                var text = l < lines[c].Count ? lines[c][l] : "";
                int pad = widths[c] - CellWidth.Of(text);
                canvas.Append("│ ");
                if (alignments[c] == ColumnAlignment.Right) canvas.Repeat(' ', pad).Append(text, cells[c].Tone);
                else canvas.Append(text, cells[c].Tone).Repeat(' ', pad);
                canvas.Append(" ");
            }
            canvas.Line("│");
        }
    }

    private sealed class ColumnAlignment
    {
        public static readonly ColumnAlignment Left = new(), Right = new();
    }
}
