using System.Globalization;
using DeepLearning.Host.Rendering.Text;
using DeepLearning.Pipelines.Bundle;
using DeepLearning.Pipelines.Drift;
using DeepLearning.Pipelines.Evaluation;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Host.Rendering;

/// <summary>Tables for people: metrics, cross-validation, confusion matrices, manifests.</summary>
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

    /// <summary>A model's manifest.</summary>
    public static void Manifest(string path, ModelManifest m) => Show(canvas => Manifest(canvas, path, m));

    /// <summary>Drift against the training profile: one row per input column, the verdict last.</summary>
    public static void Drift(DriftReport report) => Show(canvas => Drift(canvas, report));

    /// <summary>A model's manifest, drawn on <paramref name="canvas"/>.</summary>
    public static void Manifest(TextCanvas canvas, string path, ModelManifest m)
    {
        var panel = new KeyValuePanel("model");
        panel.Add("model", path);
        panel.Add("name", m.Name);
        panel.Add("task", SnakeCase.Of(m.Task));
        panel.Add("trainer", m.Trainer);
        panel.Add("format", m.FormatVersion.ToString(CultureInfo.InvariantCulture));
        if (m.Label is not null) panel.Add("label", m.Label);
        if (m.Classes is not null) panel.Add("classes", string.Join(", ", m.Classes));
        if (m.Reinforcement is { } rl)
        {
            panel.Add("environment", rl.Environment.ToJsonString());
            panel.Add("agent", rl.Agent.ToJsonString());
            panel.Add("state", rl.StateVariables.Count > 0 ? string.Join(", ", rl.StateVariables) : "(a single state)");
            panel.Add("actions", string.Join(", ", rl.Actions.Select((a, i) => $"{i} {a}")));
            panel.Add("policy", $"{rl.Policy.Kind} ({rl.Policy.Entry}), scores: {rl.Scores}");
            panel.Add("trained", $"{m.Provenance.StartedAt:u} in {m.Provenance.DurationSeconds:F1}s");
            if (m.EpisodeHistory is { } episodes) panel.Add("training", episodes.Summary());
        }
        else
        {
            panel.Add("inputs", string.Join(", ", m.InputSchema.Select(c => $"{c.Name} ({SnakeCase.Of(c.Kind)})")));
            panel.Add("trained", $"{m.Provenance.StartedAt:u} in {m.Provenance.DurationSeconds:F1}s on {m.Provenance.TrainRows} rows, tested on {m.Provenance.TestRows}");
            if (m.Provenance.TrainData is { } data)
                panel.Add("data", $"{data.Path} (sha256 {data.Sha256[..Math.Min(12, data.Sha256.Length)]}…, {data.Rows} rows)");
        }
        panel.Add("seed", m.Provenance.Seed.ToString(CultureInfo.InvariantCulture));
        if (m.TrainingHistory is { } history) panel.Add("training", history.Summary());
        panel.Add("device", m.Provenance.Device);
        panel.Add("versions", string.Join(", ", m.Provenance.Versions.Select(v => $"{v.Key} {v.Value}")));
        panel.Render(canvas);
        if (m.Reinforcement is { } reinforcement)
        {
            Metrics(canvas, $"evaluation of the greedy policy (seed {reinforcement.Evaluation.Seed})", m.Metrics, "episodes");
            return;
        }
        canvas.Line("featurization", Tone.Bold);
        var steps = new TextTable().Column("step").Column("columns").Column("detail").Column("added");
        foreach (var s in m.Featurization)
            steps.Row(s.Transform, Shorten(string.Join(", ", s.Columns)), s.Detail, s.Automatic ? "auto" : "spec");
        steps.Render(canvas);
        Metrics(canvas, "test metrics", m.Metrics, "rows");
        if (m.CrossValidation is { } cv) CrossValidation(canvas, cv);
    }

    private static void Metrics(TextCanvas canvas, string title, EvaluationReport report, string unit)
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

    private static void CrossValidation(TextCanvas canvas, CrossValidationReport report)
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

    private static string Shorten(string s) => s.Length > 60 ? s[..57] + "…" : s;

    private static string Format(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.0000", CultureInfo.InvariantCulture);
}
