using System.Globalization;
using DeepLearning.Host.Rendering;
using DeepLearning.Host.Rendering.Report;
using DeepLearning.Pipelines.Bundle;
using DeepLearning.Pipelines.Evaluation;
using DeepLearning.Pipelines.Prediction;
using DeepLearning.Pipelines.Running;
using DeepLearning.Pipelines.Spec;
using DeepLearning.Trainers.Reinforcement;
using Spectre.Console;

namespace DeepLearning.Host.Commands;

/// <summary>`dlp train`, `evaluate` and `predict` for task reinforcement: an agent, its episodes and its policy.</summary>
public static class ReinforcementOutput
{
    /// <summary>Trains the agent, writes the bundle (and the return curve, the report), prints the evaluation.</summary>
    public static int Train(LoadedSpec loaded, string path, string? plot, bool report, bool json)
    {
        var progress = new ProgressLines(json);
        var episodes = new EpisodeProgressView(json);
        var result = episodes.Run(() => new ReinforcementTrainer(progress, episodes).Train(loaded, path));
        using var model = result.Model;
        var m = result.Manifest;
        var rl = m.Reinforcement!;
        var title = $"{m.Name}: {m.Trainer} in {rl.Environment["name"]}";
        string? plotPath = null, reportPath = null;
        if (plot is not null)
        {
            ReturnCurvePlot.WritePng(result.History.Returns, result.History.Regrets, result.Evaluation.MeanReturn, title, plot);
            plotPath = Path.GetFullPath(plot);
        }
        if (report)
        {
            reportPath = Path.ChangeExtension(result.ModelPath!, ".report.html");
            var figure = new Figure("Return per training episode and its moving average; dashed: the evaluation's mean",
                ReturnCurvePlot.Render(result.History.Returns, result.History.Regrets, result.Evaluation.MeanReturn, title, 640, 480));
            RunReport.Write(m, result.ModelPath, [figure], reportPath);
        }
        if (json)
            JsonOut.Write(new
            {
                model = result.ModelPath, plot = plotPath, report = reportPath, name = m.Name, task = m.Task, environment = rl.Environment, agent = rl.Agent,
                metrics = m.Metrics.Metrics, evaluation = rl.Evaluation, episode_history = m.EpisodeHistory, device = m.Provenance.Device,
                episodes = result.History.Episodes, steps = result.History.Steps, duration_seconds = m.Provenance.DurationSeconds,
            });
        else
        {
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(title)}[/]: {Markup.Escape(m.EpisodeHistory!.Summary())}, {result.History.TrainSeconds:F1}s");
            ReportRenderer.Metrics($"evaluation of the greedy policy (seed {rl.Evaluation.Seed})", m.Metrics, "episodes");
            AnsiConsole.MarkupLine($"mean return [bold]{Format(rl.Evaluation.MeanReturn)} ± {Format(rl.Evaluation.StdReturn)}[/] over {rl.Evaluation.Episodes} episodes");
            AnsiConsole.MarkupLine($"Model written to [bold]{Markup.Escape(result.ModelPath!)}[/]");
            if (plotPath is not null) AnsiConsole.MarkupLine($"Plot written to [bold]{Markup.Escape(plotPath)}[/]");
            if (reportPath is not null) AnsiConsole.MarkupLine($"Report written to [bold]{Markup.Escape(reportPath)}[/]");
        }
        return ExitCodes.Ok;
    }

    /// <summary>Runs <paramref name="episodes"/> episodes of the saved policy and prints mean ± std return.</summary>
    public static int Evaluate(string path, int? episodes, int? seed, bool json)
    {
        if (episodes is < 1) throw new ArgumentException($"--episodes must be at least 1; received {episodes}");
        using var model = PolicyModel.Load(path);
        var evaluation = model.Evaluate(episodes, seed);
        var info = EvaluationInfo.From(evaluation);
        if (json) JsonOut.Write(new { model = path, metrics = info.Metrics(), evaluation = info, returns = evaluation.Returns, lengths = evaluation.Lengths });
        else
        {
            ReportRenderer.Metrics($"{model.Manifest.Name} in {model.Environment.Name}, greedy policy (seed {evaluation.Seed})", new EvaluationReport(info.Metrics(), evaluation.Episodes), "episodes");
            AnsiConsole.MarkupLine($"mean return [bold]{Format(info.MeanReturn)} ± {Format(info.StdReturn)}[/] over {info.Episodes} episodes");
        }
        return ExitCodes.Ok;
    }

    /// <summary>The action for each state: one given on the command line, or every row of a CSV file of states.</summary>
    public static int Predict(string path, string? state, string? data, string? output, bool json)
    {
        using var model = PolicyModel.Load(path);
        // A bandit has one state, described by no numbers: nothing to give.
        if (state is null && data is null && model.StateVariables.Count == 0) state = "";
        if ((state is null) == (data is null))
            throw new ArgumentException($"give either --state \"{string.Join(",", model.StateVariables)}\" (one state) or --data FILE (a CSV of states with the columns {Columns(model)})");
        if (state is not null)
        {
            var decision = model.Decide(ParseState(state, model));
            if (json) JsonOut.Write(new { model = path, state = ParseState(state, model), action = decision.Action, action_name = decision.ActionName, scores = decision.ScoreKind, values = decision.Scores });
            else
            {
                AnsiConsole.MarkupLine($"action [bold]{decision.Action} {Markup.Escape(decision.ActionName)}[/]");
                var table = new Table().Border(TableBorder.Rounded).AddColumn("action").AddColumn(new TableColumn(decision.ScoreKind).RightAligned());
                for (int a = 0; a < decision.Scores.Count; a++)
                    table.AddRow(Markup.Escape($"{a} {model.Actions[a]}") + (a == decision.Action ? " ★" : ""), decision.Scores[a].ToString("0.0000", CultureInfo.InvariantCulture));
                AnsiConsole.Write(table);
            }
            return ExitCodes.Ok;
        }
        var rows = ReadStates(data!, model);
        var lines = new List<string> { string.Join(",", model.StateVariables.Append("action").Append("action_name").Concat(model.Actions.Select(a => $"{Prefix(model)}_{a}"))) };
        foreach (var (values, line) in rows)
        {
            PolicyDecision decision;
            try
            {
                decision = model.Decide(values);
            }
            catch (ArgumentException e)
            {
                throw new Pipelines.Data.DataException(data!, line, null, e.Message);
            }
            lines.Add(string.Join(",", values.Select(Number).Append(decision.Action.ToString(CultureInfo.InvariantCulture)).Append(decision.ActionName).Concat(decision.Scores.Select(Number))));
        }
        var text = string.Join("\n", lines) + "\n";
        if (output is null or "-") Console.Out.Write(text);
        else AtomicFile.Write(new System.Text.UTF8Encoding(false).GetBytes(text), output);
        if (json && output is not (null or "-")) JsonOut.Write(new { model = path, output, rows = rows.Count });
        else if (output is not (null or "-")) Console.Error.WriteLine($"Wrote {rows.Count} actions to {output}");
        return ExitCodes.Ok;
    }

    private static string Prefix(PolicyModel model) => model.Policy.ScoreKind == Trainers.Reinforcement.Policies.ActionScores.QValues ? "q" : "p";

    private static string Columns(PolicyModel model) => model.StateVariables.Count > 0 ? string.Join(", ", model.StateVariables) : "(none: a single state)";

    private static IReadOnlyList<double> ParseState(string text, PolicyModel model)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (text.Trim().Length == 0) parts = [];
        var values = new List<double>();
        foreach (var part in parts)
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                throw new ArgumentException($"--state: '{part}' is not a number; give {model.StateVariables.Count} comma-separated numbers ({Columns(model)})");
            values.Add(v);
        }
        if (values.Count != model.StateVariables.Count)
            throw new ArgumentException($"--state: received {values.Count} number(s); {model.Manifest.Reinforcement!.Environment["name"]} states are {model.StateVariables.Count}: {Columns(model)}");
        return values;
    }

    /// <summary>A CSV with a header naming the state variables (other columns are ignored); each row one state.</summary>
    private static List<(IReadOnlyList<double> Values, int Line)> ReadStates(string path, PolicyModel model)
    {
        if (!File.Exists(path)) throw new Pipelines.Data.DataException(path, null, null, "file not found");
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0) throw new Pipelines.Data.DataException(path, 1, null, "the file is empty; the first line must name the columns");
        var header = lines[0].Split(',', StringSplitOptions.TrimEntries);
        var index = model.StateVariables.Select(v => (Name: v, At: Array.IndexOf(header, v))).ToList();
        if (index.FirstOrDefault(i => i.At < 0) is { Name: not null } missing)
            throw new Pipelines.Data.DataException(path, 1, $"'{missing.Name}'", $"no column '{missing.Name}'; a state file names the columns {Columns(model)}");
        var rows = new List<(IReadOnlyList<double>, int)>();
        for (int l = 1; l < lines.Length; l++)
        {
            if (lines[l].Trim().Length == 0) continue;
            var cells = lines[l].Split(',', StringSplitOptions.TrimEntries);
            var values = new List<double>();
            foreach (var (name, at) in index)
            {
                if (at >= cells.Length || !double.TryParse(cells[at], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                    throw new Pipelines.Data.DataException(path, l + 1, $"'{name}'", $"'{(at < cells.Length ? cells[at] : "")}' is not a number");
                values.Add(v);
            }
            rows.Add((values, l + 1));
        }
        return rows;
    }

    private static string Number(double v) => v.ToString("G9", CultureInfo.InvariantCulture);

    private static string Format(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Whether the bundle at <paramref name="path"/> is a reinforcement-learning policy (reads only the manifest).</summary>
    public static bool IsPolicy(string path) => ModelBundle.ReadTask(path) == MlTask.Reinforcement;
}
