using System.Globalization;
using DeepLearning.Pipelines.Bundle;
using DeepLearning.Pipelines.Drift;
using DeepLearning.Pipelines.Evaluation;
using DeepLearning.Pipelines.Spec;
using Spectre.Console;

namespace DeepLearning.Host.Rendering;

/// <summary>Tables for people: metrics, cross-validation, confusion matrices, manifests.</summary>
public static class ReportRenderer
{
    /// <summary>Metrics of one evaluation.</summary>
    public static void Metrics(string title, EvaluationReport report, string unit = "rows")
    {
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(title)}[/] ({report.Rows} {unit})");
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        foreach (var (name, value) in report.Metrics) table.AddRow(name, Format(value));
        AnsiConsole.Write(table);
        if (report.ConfusionMatrix is { } matrix) Confusion(matrix);
        if (report.PerClass is { } perClass)
        {
            var classes = new Table().Border(TableBorder.Rounded);
            classes.AddColumn("class").AddColumn(new TableColumn("precision").RightAligned()).AddColumn(new TableColumn("recall").RightAligned());
            foreach (var (name, m) in perClass) classes.AddRow(Markup.Escape(name), Format(m.Precision), Format(m.Recall));
            AnsiConsole.Write(classes);
        }
    }

    /// <summary>Cross-validation summary.</summary>
    public static void CrossValidation(CrossValidationReport report)
    {
        AnsiConsole.MarkupLine($"[bold]{report.Folds}-fold cross-validation[/] (mean and standard deviation over the folds)");
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("metric").AddColumn(new TableColumn("mean").RightAligned()).AddColumn(new TableColumn("std").RightAligned());
        foreach (var (name, s) in report.Metrics) table.AddRow(name, Format(s.Mean), Format(s.Std));
        AnsiConsole.Write(table);
    }

    /// <summary>Confusion matrix: rows actual, columns predicted, the diagonal in green.</summary>
    public static void Confusion(ConfusionMatrix matrix)
    {
        AnsiConsole.MarkupLine("confusion matrix (rows: actual, columns: predicted)");
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("");
        foreach (var c in matrix.Classes) table.AddColumn(new TableColumn(Markup.Escape(c)).RightAligned());
        for (int a = 0; a < matrix.Classes.Count; a++)
            table.AddRow(new[] { Markup.Escape(matrix.Classes[a]) }.Concat(matrix.Counts[a].Select((n, p) => a == p ? $"[green]{n}[/]" : n == 0 ? "[grey]0[/]" : $"[red]{n}[/]")).ToArray());
        AnsiConsole.Write(table);
    }

    /// <summary>A model's manifest.</summary>
    public static void Manifest(string path, ModelManifest m)
    {
        var grid = new Grid().AddColumn().AddColumn();
        void Row(string k, string v) => grid.AddRow($"[bold]{k}[/]", Markup.Escape(v));
        Row("model", path);
        Row("name", m.Name);
        Row("task", SnakeCase.Of(m.Task));
        Row("trainer", m.Trainer);
        Row("format", m.FormatVersion.ToString(CultureInfo.InvariantCulture));
        if (m.Label is not null) Row("label", m.Label);
        if (m.Classes is not null) Row("classes", string.Join(", ", m.Classes));
        if (m.Reinforcement is { } rl)
        {
            Row("environment", rl.Environment.ToJsonString());
            Row("agent", rl.Agent.ToJsonString());
            Row("state", rl.StateVariables.Count > 0 ? string.Join(", ", rl.StateVariables) : "(a single state)");
            Row("actions", string.Join(", ", rl.Actions.Select((a, i) => $"{i} {a}")));
            Row("policy", $"{rl.Policy.Kind} ({rl.Policy.Entry}), scores: {rl.Scores}");
            Row("trained", $"{m.Provenance.StartedAt:u} in {m.Provenance.DurationSeconds:F1}s");
            if (m.EpisodeHistory is { } episodes) Row("training", episodes.Summary());
        }
        else
        {
            Row("inputs", string.Join(", ", m.InputSchema.Select(c => $"{c.Name} ({SnakeCase.Of(c.Kind)})")));
            Row("trained", $"{m.Provenance.StartedAt:u} in {m.Provenance.DurationSeconds:F1}s on {m.Provenance.TrainRows} rows, tested on {m.Provenance.TestRows}");
            if (m.Provenance.TrainData is { } data)
                Row("data", $"{data.Path} (sha256 {data.Sha256[..Math.Min(12, data.Sha256.Length)]}…, {data.Rows} rows)");
        }
        Row("seed", m.Provenance.Seed.ToString(CultureInfo.InvariantCulture));
        if (m.TrainingHistory is { } history) Row("training", history.Summary());
        Row("device", m.Provenance.Device);
        Row("versions", string.Join(", ", m.Provenance.Versions.Select(v => $"{v.Key} {v.Value}")));
        AnsiConsole.Write(new Panel(grid).Header("model").Border(BoxBorder.Rounded));
        if (m.Reinforcement is { } reinforcement)
        {
            Metrics($"evaluation of the greedy policy (seed {reinforcement.Evaluation.Seed})", m.Metrics, "episodes");
            return;
        }
        AnsiConsole.MarkupLine("[bold]featurization[/]");
        var steps = new Table().Border(TableBorder.Rounded);
        steps.AddColumn("step").AddColumn("columns").AddColumn("detail").AddColumn("added");
        foreach (var s in m.Featurization)
            steps.AddRow(s.Transform, Markup.Escape(Shorten(string.Join(", ", s.Columns))), Markup.Escape(s.Detail), s.Automatic ? "auto" : "spec");
        AnsiConsole.Write(steps);
        Metrics("test metrics", m.Metrics);
        if (m.CrossValidation is { } cv) CrossValidation(cv);
    }

    /// <summary>Drift against the training profile: one row per input column, the verdict last.</summary>
    public static void Drift(DriftReport report)
    {
        AnsiConsole.MarkupLine($"[bold]drift against the training data[/] ({report.Rows} rows; PSI: none < 0.1 ≤ moderate < 0.25 ≤ major)");
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("column").AddColumn("kind").AddColumn(new TableColumn("psi").RightAligned())
            .AddColumn(new TableColumn("missing (train → now)").RightAligned()).AddColumn("verdict");
        foreach (var c in report.Columns)
            table.AddRow(Markup.Escape(c.Name), SnakeCase.Of(c.Kind), c.Psi is { } psi ? Format(psi) : "n/a",
                $"{c.TrainingMissingRate:P1} → {c.MissingRate:P1}", Level(c.Verdict));
        AnsiConsole.Write(table);
        var named = report.Drifted.Count > 0 ? $" in {Markup.Escape(string.Join(", ", report.Drifted))}" : "";
        AnsiConsole.MarkupLine($"drift: {Level(report.Verdict)} (max PSI {Format(report.MaxPsi)}){named}");
    }

    private static string Level(DriftLevel level) => level switch
    {
        DriftLevel.None => "[green]none[/]",
        DriftLevel.Moderate => "[yellow]moderate[/]",
        _ => "[red]major[/]",
    };

    private static string Shorten(string s) => s.Length > 60 ? s[..57] + "…" : s;

    private static string Format(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.0000", CultureInfo.InvariantCulture);
}
