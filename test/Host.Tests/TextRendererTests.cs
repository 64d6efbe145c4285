using DeepLearning.Host.Rendering.Text;

namespace DeepLearning.Host.Tests;

/// <summary>The small text renderer behind `dlp inspect` and the report tables: alignment with wide characters,
/// wrapping within the width, and escape codes only where the canvas allows them.</summary>
[TestClass]
public sealed class TextRendererTests
{
    [TestMethod]
    [DataRow("abc", 3)]
    [DataRow("体重", 4)]          // CJK ideographs: two columns each
    [DataRow("ｶﾀｶﾅ", 4)]         // half-width katakana: one each
    [DataRow("Ａ", 2)]            // full-width Latin
    [DataRow("e\u0301", 1)]      // e + combining acute accent
    [DataRow("한국어", 6)]
    [DataRow("🙂", 2)]
    [DataRow("naïve", 5)]
    public void Cell_width_counts_terminal_columns(string text, int columns) => Assert.AreEqual(columns, CellWidth.Of(text));

    [TestMethod]
    public void A_table_with_wide_names_keeps_its_borders_straight()
    {
        var canvas = new TextCanvas(80, ansi: false);
        new TextTable().Column("column").Column("value", alignRight: true)
            .Row("体重_kg", "1.5").Row("x", "22.25").Render(canvas);

        var expected = """
            ╭─────────┬───────╮
            │ column  │ value │
            ├─────────┼───────┤
            │ 体重_kg │   1.5 │
            │ x       │ 22.25 │
            ╰─────────┴───────╯

            """;
        Assert.AreEqual(expected.Replace("\r\n", "\n"), canvas.ToString());
    }

    [TestMethod]
    public void A_table_too_wide_for_the_canvas_wraps_its_widest_column_at_spaces()
    {
        var canvas = new TextCanvas(30, ansi: false);
        new TextTable().Column("step").Column("columns")
            .Row("normalize", "alpha, beta, gamma, delta, epsilon, zeta").Render(canvas);

        var lines = Lines(canvas);
        Assert.IsTrue(lines.All(l => CellWidth.Of(l) == 30), string.Join("\n", lines));
        var cells = lines.Where(l => l.StartsWith('│')).Skip(1).Select(l => l.Split('│')[2].Trim()).ToArray();
        Assert.IsGreaterThan(1, cells.Length, "the long cell was not wrapped");
        var text = string.Join(" ", cells);
        Assert.AreEqual("alpha, beta, gamma, delta, epsilon, zeta", text, "every word, in order");
    }

    [TestMethod]
    public void A_word_wider_than_its_column_is_broken_not_lost()
    {
        var lines = TextWrap.Lines("/a/very/long/path/without/any/spaces.csv", 10);

        Assert.IsTrue(lines.All(l => CellWidth.Of(l) <= 10), string.Join("|", lines));
        Assert.AreEqual("/a/very/long/path/without/any/spaces.csv", string.Concat(lines));
    }

    [TestMethod]
    public void A_panel_fills_the_width_and_wraps_long_values_beside_their_key()
    {
        var canvas = new TextCanvas(40, ansi: false);
        new KeyValuePanel("model").Add("name", "iris").Add("inputs", "sepal_length_cm (numeric), sepal_width_cm (numeric), 花びら (numeric)").Render(canvas);

        var lines = Lines(canvas);
        Assert.IsTrue(lines.All(l => CellWidth.Of(l) == 40), string.Join("\n", lines));
        Assert.StartsWith("╭─model─", lines[0]);
        Assert.AreEqual("│ name    iris                         │", lines[1]);
        Assert.StartsWith("│ inputs  sepal_length_cm (numeric),", lines[2]);
        Assert.StartsWith("│         ", lines[3], "a wrapped value continues under the value column");
        Assert.Contains("花びら", string.Concat(lines));
    }

    [TestMethod]
    public void Without_ansi_tones_leave_no_escape_codes_and_with_ansi_they_do()
    {
        static string Draw(bool ansi)
        {
            var canvas = new TextCanvas(80, ansi);
            canvas.Line("title", Tone.Bold);
            new TextTable().Column("").Column("a", alignRight: true).Row("a", new TextCell("10", Tone.Green)).Row("b", new TextCell("0", Tone.Grey)).Render(canvas);
            new KeyValuePanel("model").Add("name", "x").Render(canvas);
            return canvas.ToString();
        }

        Assert.DoesNotContain("\u001b", Draw(ansi: false));
        var coloured = Draw(ansi: true);
        Assert.Contains("\u001b[1mtitle\u001b[0m", coloured);
        Assert.Contains("\u001b[32m10\u001b[0m", coloured);
        Assert.Contains("\u001b[1mname\u001b[0m", coloured);
        // Colour codes take no columns: the border lines stay as long as without them.
        Assert.AreEqual(Lines(Draw(false))[1].Length, Lines(Draw(false))[2].Length);
    }

    [TestMethod]
    public void Control_characters_from_the_data_cannot_reach_the_terminal()
    {
        var canvas = new TextCanvas(80, ansi: true);
        new TextTable().Column("column").Row("evil\u001b[2Jname\u0007").Render(canvas);

        var text = canvas.ToString();
        Assert.DoesNotContain("\u001b[2J", text);
        Assert.DoesNotContain("\u0007", text);
        Assert.Contains("evil?[2Jname?", text);
        var lines = Lines(canvas);
        Assert.IsTrue(lines.All(l => CellWidth.Of(l) == CellWidth.Of(lines[0])), $"each '?' takes a column:\n{text}");
    }

    [TestMethod]
    public void Bad_input_to_the_renderer_is_refused_clearly()
    {
        var table = new TextTable().Column("a").Column("b");
        var wrongRow = Assert.ThrowsExactly<ArgumentException>(() => table.Row("only one"));
        Assert.Contains("1 cells in a table of 2 columns", wrongRow.Message);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new TextCanvas(5, ansi: false));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => TextWrap.Lines("x", 0));
        table.Row("1", "2");
        Assert.ThrowsExactly<InvalidOperationException>(() => table.Column("c"));
    }

    private static string[] Lines(TextCanvas canvas) => Lines(canvas.ToString());

    private static string[] Lines(string text) => text.TrimEnd('\n').Split('\n');
}
