using System.Text;

namespace DeepLearning.Host.Rendering.Text;

/// <summary>Text for a person, built in memory and written in one piece: how wide it may be, and whether it may carry
/// ANSI escapes (colour, bold). Control characters in the text are shown as '?', so a name in a bundle or a data file
/// can neither move the cursor nor colour the terminal.</summary>
public sealed class TextCanvas
{
    /// <summary>The width when the output is not a terminal (a file, a pipe, a test): the old renderer's width.</summary>
    public const int RedirectedWidth = 80;

    private const string Reset = "\u001b[0m";
    private readonly StringBuilder text = new();

    /// <summary>A canvas <paramref name="width"/> columns wide, with escapes when <paramref name="ansi"/>.</summary>
    public TextCanvas(int width, bool ansi)
    {
        if (width < 20) throw new ArgumentOutOfRangeException(nameof(width), width, "tables need at least 20 columns");
        Width = width;
        Ansi = ansi;
    }

    /// <summary>Columns a line may take (a table's words break to stay within it).</summary>
    public int Width { get; }

    /// <summary>Whether tones become ANSI escapes.</summary>
    public bool Ansi { get; }

    /// <summary>A canvas for standard output. Escapes only on a terminal that takes them: not when the output is
    /// redirected, not with NO_COLOR set (no-color.org; bold goes too, so the text is byte-for-byte plain), and not
    /// with TERM unset or <c>dumb</c>. The width is the terminal's, else <see cref="RedirectedWidth"/>.</summary>
    public static TextCanvas ForConsole()
    {
        if (Console.IsOutputRedirected) return new TextCanvas(RedirectedWidth, ansi: false);
        var term = Environment.GetEnvironmentVariable("TERM");
        bool ansi = string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")) && !string.IsNullOrEmpty(term) && term != "dumb";
        return new TextCanvas(TerminalWidth(), ansi);
    }

    /// <summary>Appends <paramref name="value"/> in <paramref name="tone"/>.</summary>
    public TextCanvas Append(string value, Tone tone = Tone.Plain)
    {
        bool escaped = Ansi && tone != Tone.Plain && value.Length > 0;
        if (escaped) text.Append(Escape(tone));
        foreach (var c in value) text.Append(char.IsControl(c) ? '?' : c);
        if (escaped) text.Append(Reset);
        return this;
    }

    /// <summary>Appends <paramref name="count"/> copies of <paramref name="c"/> (padding, box lines).</summary>
    public TextCanvas Repeat(char c, int count)
    {
        if (count > 0) text.Append(c, count);
        return this;
    }

    /// <summary>Ends the line, after <paramref name="value"/> in <paramref name="tone"/>.</summary>
    public TextCanvas Line(string value = "", Tone tone = Tone.Plain)
    {
        Append(value, tone);
        text.Append('\n');
        return this;
    }

    /// <summary>Writes everything to standard output in one call (one write, not one per piece).</summary>
    public void WriteToConsole()
    {
        Console.Out.Write(text.ToString());
        Console.Out.Flush();
    }

    /// <summary>Everything appended so far.</summary>
    public override string ToString() => text.ToString();

    private static string Escape(Tone tone) => tone switch
    {
        Tone.Bold => "\u001b[1m",
        Tone.Green => "\u001b[32m",
        Tone.Yellow => "\u001b[33m",
        Tone.Red => "\u001b[31m",
        Tone.Grey => "\u001b[90m",
        _ => "",
    };

    private static int TerminalWidth()
    {
        try
        {
            int width = Console.WindowWidth;
            return width >= 20 ? width : RedirectedWidth;
        }
        catch (IOException)
        {
            // No terminal size to be had (e.g. a terminal that answers no size query): the redirected width.
            return RedirectedWidth;
        }
    }
}
