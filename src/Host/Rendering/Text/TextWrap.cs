using System.Text;

namespace DeepLearning.Host.Rendering.Text;

/// <summary>Breaks text into lines of at most a given number of terminal columns: at spaces where it can, inside a
/// word only when the word alone is wider than the line (a long path in a narrow terminal).</summary>
public static class TextWrap
{
    /// <summary>The lines of <paramref name="text"/> at most <paramref name="width"/> columns wide (at least one line).</summary>
    public static List<string> Lines(string text, int width)
    {
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "a line must be at least one column wide");
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = new StringBuilder();
            int lineWidth = 0;
            foreach (var word in paragraph.Split(' '))
            {
                int wordWidth = CellWidth.Of(word);
                if (lineWidth > 0 && lineWidth + 1 + wordWidth <= width)
                {
                    line.Append(' ').Append(word);
                    lineWidth += 1 + wordWidth;
                    continue;
                }
                if (lineWidth > 0)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                    lineWidth = 0;
                }
                foreach (var rune in word.EnumerateRunes())
                {
                    int runeWidth = CellWidth.Of(rune);
                    if (lineWidth + runeWidth > width && lineWidth > 0)
                    {
                        lines.Add(line.ToString());
                        line.Clear();
                        lineWidth = 0;
                    }
                    line.Append(rune.ToString());
                    lineWidth += runeWidth;
                }
            }
            lines.Add(line.ToString());
        }
        return lines;
    }

    /// <summary>The widest word of <paramref name="text"/>: below it a column must break words.</summary>
    public static int WidestWord(string text)
    {
        int widest = 0;
        foreach (var word in text.Split(' ', '\n')) widest = Math.Max(widest, CellWidth.Of(word));
        return widest;
    }

    /// <summary>The widest line of <paramref name="text"/>: what a column needs to show it unbroken.</summary>
    public static int WidestLine(string text)
    {
        int widest = 0;
        foreach (var line in text.Split('\n')) widest = Math.Max(widest, CellWidth.Of(line));
        return widest;
    }
}
