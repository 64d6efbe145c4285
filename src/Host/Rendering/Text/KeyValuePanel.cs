namespace DeepLearning.Host.Rendering.Text;

/// <summary>A titled box, as wide as the canvas, of "key  value" lines: bold keys in one column, values wrapped at
/// spaces beside them.</summary>
public sealed class KeyValuePanel(string title)
{
    private const int Gap = 2;          // columns between the key and its value
    private const int MinValueWidth = 10; // below this a narrow terminal gets a wider box rather than one-word lines
    private readonly List<string> keys = [];
    private readonly List<string> values = [];

    /// <summary>Adds a line.</summary>
    public KeyValuePanel Add(string key, string value)
    {
        keys.Add(key);
        values.Add(value);
        return this;
    }

    /// <summary>Draws the panel on <paramref name="canvas"/>.</summary>
    public void Render(TextCanvas canvas)
    {
        int keyWidth = 0;
        foreach (var key in keys) keyWidth = Math.Max(keyWidth, CellWidth.Of(key));
        int valueWidth = Math.Max(MinValueWidth, canvas.Width - 4 - keyWidth - Gap); // "│ " and " │" around the content
        int inner = keyWidth + Gap + valueWidth;
        var heading = TextWrap.Lines(title, inner)[0];
        canvas.Append("╭─").Append(heading).Repeat('─', inner + 1 - CellWidth.Of(heading)).Line("╮");
        for (int i = 0; i < keys.Count; i++)
        {
            var lines = TextWrap.Lines(values[i], valueWidth);
            for (int l = 0; l < lines.Count; l++)
            {
                canvas.Append("│ ");
                if (l == 0) canvas.Append(keys[i], Tone.Bold).Repeat(' ', keyWidth - CellWidth.Of(keys[i]) + Gap);
                else canvas.Repeat(' ', keyWidth + Gap);
                canvas.Append(lines[l]).Repeat(' ', valueWidth - CellWidth.Of(lines[l])).Line(" │");
            }
        }
        canvas.Append("╰").Repeat('─', inner + 2).Line("╯");
    }
}
