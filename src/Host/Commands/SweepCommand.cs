using System.CommandLine;
using System.Globalization;
using DeepLearning.Host.Rendering;
using DeepLearning.Pipelines.Running;
using DeepLearning.Pipelines.Spec;
using Spectre.Console;

namespace DeepLearning.Host.Commands;

/// <summary>`dlp sweep SPEC --set key=v1,v2,…`: one training per combination, a table, the best run.</summary>
public static class SweepCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var spec = CommonOptions.Spec();
        var set = new Option<string[]>("--set")
        {
            Description = "key.path=v1,v2,… sweeps those values (several keys make a grid); key.path=value fixes one. Commas inside [ ] or { } stay in the value.",
            Required = true,
        };
        var metric = new Option<string?>("--metric") { Description = "Metric that picks the best run (default: r_squared, auc or micro_accuracy by task)." };
        var parallel = new Option<int>("--parallel") { Description = "Runs at once (neural trainers run one at a time whatever this says).", DefaultValueFactory = _ => 1 };
        var plot = new Option<string?>("--plot") { Description = "Write the training cost of every run against epoch to this PNG (neural trainers)." };
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("sweep", "Train a spec once per combination of values and compare the runs.") { spec, set, metric, parallel, plot, json, verbose };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(json), parse.GetValue(verbose), () =>
        {
            if (parse.GetValue(parallel) < 1) throw new ArgumentException($"--parallel must be at least 1, received {parse.GetValue(parallel)}");
            var fixedOverrides = new List<string>();
            var axes = new List<(string, IReadOnlyList<string>)>();
            foreach (var assignment in parse.GetValue(set) ?? [])
            {
                int eq = assignment.IndexOf('=');
                if (eq <= 0) throw new ArgumentException($"--set {assignment}: expected key.path=v1,v2,…");
                var values = SweepRunner.SplitValues(assignment[(eq + 1)..]);
                if (values.Count == 1) fixedOverrides.Add(assignment);
                else axes.Add((assignment[..eq].Trim(), values));
            }
            if (axes.Count == 0) throw new ArgumentException("nothing to sweep: give at least one --set key.path=v1,v2");
            if (parse.GetValue(plot) is not null && SpecLoader.Load(parse.GetValue(spec)!, fixedOverrides).Spec.Task == MlTask.Reinforcement)
                throw new ArgumentException("--plot draws the training cost per epoch of neural trainers; for task reinforcement, train a run with `dlp train --plot` to see its return curve");
            var result = SweepRunner.Run(parse.GetValue(spec)!, fixedOverrides, axes, parse.GetValue(metric), parse.GetValue(parallel), new ProgressLines(parse.GetValue(json)));
            if (parse.GetValue(plot) is { } png) LossCurvesPlot.WritePng(result, $"{Path.GetFileNameWithoutExtension(parse.GetValue(spec))}: cost per epoch by {string.Join(" × ", axes.Select(a => a.Item1))}", png);
            if (parse.GetValue(json))
                JsonOut.Write(new { metric = result.Metric, higher_is_better = result.HigherIsBetter, best = result.Best, runs = result.Runs.Select(r => new { settings = r.Settings, status = r.Status, metrics = r.Metrics, diverged_at_epoch = r.DivergedAtEpoch, message = r.Message, epochs = r.TrainLoss?.Count }), plot = parse.GetValue(plot) });
            else Render(result, axes.Select(a => a.Item1).ToList());
            if (result.Best is null)
            {
                Console.Error.WriteLine(result.Runs.All(r => r.Status == "diverged")
                    ? $"error: every one of the {result.Runs.Count} runs diverged; try smaller learning rates"
                    : $"error: no run produced a {result.Metric}");
                return ExitCodes.Failure;
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void Render(SweepResult result, IReadOnlyList<string> keys)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var key in keys) table.AddColumn(key);
        table.AddColumn("status").AddColumn(new TableColumn(result.Metric).RightAligned()).AddColumn(new TableColumn("epochs").RightAligned());
        for (int i = 0; i < result.Runs.Count; i++)
        {
            var r = result.Runs[i];
            var status = r.Status == "diverged" ? $"[red]diverged at epoch {r.DivergedAtEpoch}[/]" : i == result.Best ? "[green bold]best ★[/]" : "ok";
            var value = r.Metrics?[result.Metric].ToString("0.0000", CultureInfo.InvariantCulture) ?? "";
            table.AddRow(keys.Select(k => Markup.Escape(r.Settings[k])).Append(status).Append(value).Append(r.TrainLoss?.Count.ToString(CultureInfo.InvariantCulture) ?? "").ToArray());
        }
        AnsiConsole.MarkupLine($"[bold]{result.Runs.Count} runs[/], best by {result.Metric} ({(result.HigherIsBetter ? "higher" : "lower")} is better)");
        AnsiConsole.Write(table);
    }
}
