using System.Globalization;
using DeepLearning.Host.Rendering.Text;
using DeepLearning.Pipelines.Drift;
using DeepLearning.Pipelines.Evaluation;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Host.Rendering;

/// <summary>Tables for people: metrics, cross-validation, confusion matrices, drift (manifests: <see cref="ManifestReport"/>).</summary>
/// <remarks>Drawn by the small renderer in Rendering/Text rather than Spectre.Console: Spectre's console set-up, markup
/// parser and layout generics cost a cold `dlp inspect` about a quarter of a second of JIT compilation, more than
/// reading the bundle. Each method builds its text in memory and writes it once.</remarks>
public static class ReportRenderer
{
    /// <summary>Metrics of one evaluation.</summary>
    public static void Metrics(string title, EvaluationReport report, string unit = "rows") => Show(canvas => Metrics(canvas, title, report, unit));

    /// <summary>Cross-validation summary.</summary>
    public static void CrossValidation(CrossValidationReport report) => Show(canvas => CrossValidation(canvas, report));

    /// <summary>Confusion matrix: rows actual, columns predicted, the diagonal in green.</summary>
    public static void Confusion(ConfusionMatrix matrix) => Show(canvas => Confusion(canvas, matrix));

    /// <summary>Drift against the training profile: one row per input column, the verdict last.</summary>
    public static void Drift(DriftReport report) => Show(canvas => Drift(canvas, report));

    /// <summary>Metrics of one evaluation, drawn on <paramref name="canvas"/>.</summary>
    internal static void Metrics(TextCanvas canvas, string title, EvaluationReport report, string unit)
    {
        canvas.Append(title, Tone.Bold).Line($" ({report.Rows} {unit})");
        var table = new TextTable().Column("metric").Column("value", alignRight: true);
        foreach (var (name, value) in report.Metrics) table.Row(name, Format(value));
        table.Render(canvas);
        if (report.ConfusionMatrix is { } matrix) Confusion(canvas, matrix);
        if (report.PerClass is { } perClass)
        {
            var classes = new TextTable().Column("class").Column("precision", alignRight: true).Column("recall", alignRight: true);
            foreach (var (name, m) in perClass) classes.Row(name, Format(m.Precision), Format(m.Recall));
            classes.Render(canvas);
        }
    }

    /// <summary>Cross-validation summary, drawn on <paramref name="canvas"/>.</summary>
    internal static void CrossValidation(TextCanvas canvas, CrossValidationReport report)
    {
        canvas.Append($"{report.Folds}-fold cross-validation", Tone.Bold).Line(" (mean and standard deviation over the folds)");
        var table = new TextTable().Column("metric").Column("mean", alignRight: true).Column("std", alignRight: true);
        foreach (var (name, s) in report.Metrics) table.Row(name, Format(s.Mean), Format(s.Std));
        table.Render(canvas);
    }

    private static void Confusion(TextCanvas canvas, ConfusionMatrix matrix)
    {
        canvas.Line("confusion matrix (rows: actual, columns: predicted)");
        var table = new TextTable().Column("");
        foreach (var c in matrix.Classes) table.Column(c, alignRight: true);
        for (int a = 0; a < matrix.Classes.Count; a++)
        {
            var cells = new TextCell[matrix.Classes.Count + 1];
            cells[0] = matrix.Classes[a];
            for (int p = 0; p < matrix.Classes.Count; p++)
            {
                long n = matrix.Counts[a][p];
                cells[p + 1] = new TextCell(n.ToString(CultureInfo.InvariantCulture), a == p ? Tone.Green : n == 0 ? Tone.Grey : Tone.Red);
            }
            table.Row(cells);
        }
        table.Render(canvas);
    }

    private static void Drift(TextCanvas canvas, DriftReport report)
    {
        canvas.Append("drift against the training data", Tone.Bold).Line($" ({report.Rows} rows; PSI: none < 0.1 ≤ moderate < 0.25 ≤ major)");
        var table = new TextTable().Column("column").Column("kind").Column("psi", alignRight: true)
            .Column("missing (train → now)", alignRight: true).Column("verdict");
        foreach (var c in report.Columns)
            table.Row(c.Name, SnakeCase.Of(c.Kind), c.Psi is { } psi ? Format(psi) : "n/a",
                $"{c.TrainingMissingRate:P1} → {c.MissingRate:P1}", Level(c.Verdict));
        table.Render(canvas);
        var level = Level(report.Verdict);
        var named = report.Drifted.Count > 0 ? $" in {string.Join(", ", report.Drifted)}" : "";
        canvas.Append("drift: ").Append(level.Text, level.Tone).Line($" (max PSI {Format(report.MaxPsi)}){named}");
    }

    private static void Show(Action<TextCanvas> draw)
    {
        var canvas = TextCanvas.ForConsole();
        draw(canvas);
        canvas.WriteToConsole();
    }

    private static TextCell Level(DriftLevel level) => level switch
    {
        DriftLevel.None => new TextCell("none", Tone.Green),
        DriftLevel.Moderate => new TextCell("moderate", Tone.Yellow),
        _ => new TextCell("major", Tone.Red),
    };

    private static string Format(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.0000", CultureInfo.InvariantCulture);
}
