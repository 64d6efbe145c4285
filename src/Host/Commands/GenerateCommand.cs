using System.CommandLine;
using DeepLearning.Host.Rendering;
using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Spec;
using Spectre.Console;

namespace DeepLearning.Host.Commands;

/// <summary>`dlp generate`: write a deterministic synthetic CSV with a known linear ground truth.</summary>
public static class GenerateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var task = new Option<string>("--task") { Description = "regression, binary or multiclass.", DefaultValueFactory = _ => "regression" };
        var rows = new Option<long?>("--rows") { Description = "Number of rows to write." };
        var size = new Option<string?>("--size") { Description = "Write rows until the file reaches this size instead, e.g. 512MB or 2GiB (KB/MB/GB ×1000, KiB/MiB/GiB ×1024)." };
        var features = new Option<int>("--features") { Description = "Number of numeric features x1 … xF.", DefaultValueFactory = _ => 20 };
        var classes = new Option<int>("--classes") { Description = "Multiclass: number of classes (labels c0 … cK-1).", DefaultValueFactory = _ => 3 };
        var noise = new Option<double>("--noise") { Description = "Standard deviation of the noise added to the linear score.", DefaultValueFactory = _ => 0.1 };
        var seed = new Option<int>("--seed") { Description = "Seed: the same options and seed write the same bytes.", DefaultValueFactory = _ => 42 };
        var output = new Option<string>("--output", "-o") { Description = "The CSV file to write.", Required = true };
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("generate", "Write a synthetic CSV (regression, binary or multiclass) with a known linear ground truth, deterministic under --seed.")
            { task, rows, size, features, classes, noise, seed, output, json, verbose };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(json), parse.GetValue(verbose), () =>
        {
            var taskName = parse.GetValue(task)!;
            var parsedTask = taskName switch
            {
                "regression" => MlTask.Regression,
                "binary" => MlTask.Binary,
                "multiclass" => MlTask.Multiclass,
                _ => throw new ArgumentException($"--task: received '{taskName}'; allowed: regression, binary, multiclass"),
            };
            long? bytes = parse.GetValue(size) is { } s ? SyntheticData.ParseSize(s) : null;
            var path = parse.GetValue(output)!;
            var truth = SyntheticData.Write(path, new SyntheticOptions(parsedTask, parse.GetValue(features), parse.GetValue(seed), parse.GetValue(rows), bytes, parse.GetValue(classes), parse.GetValue(noise)));
            if (parse.GetValue(json))
                JsonOut.Write(new { output = Path.GetFullPath(path), task = taskName, rows = truth.Rows, bytes = truth.Bytes, label = SyntheticData.Label, weights = truth.Weights, bias = truth.Bias });
            else
                AnsiConsole.MarkupLine($"Wrote [bold]{Markup.Escape(Path.GetFullPath(path))}[/]: {truth.Rows:N0} rows, {truth.Bytes / 1e6:N1} MB ({taskName}, {parse.GetValue(features)} features, label '{SyntheticData.Label}')");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
