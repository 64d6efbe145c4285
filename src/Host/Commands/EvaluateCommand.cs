using System.CommandLine;
using DeepLearning.Host.Rendering;
using DeepLearning.Pipelines.Prediction;

namespace DeepLearning.Host.Commands;

/// <summary>`dlp evaluate MODEL --data FILE`: metrics of a saved model on labelled data.</summary>
public static class EvaluateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var data = new Option<string>("--data", "-d") { Description = "Labelled data file (CSV/TSV, optionally .gz).", Required = true };
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("evaluate", "Evaluate a saved model on labelled data.") { model, data, json, verbose };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(json), parse.GetValue(verbose), () =>
        {
            var loaded = PipelineModel.Load(parse.GetValue(model)!);
            var report = loaded.Evaluate(parse.GetValue(data)!);
            if (parse.GetValue(json)) JsonOut.Write(new { model = parse.GetValue(model), data = parse.GetValue(data), metrics = report.Metrics, evaluation = report });
            else ReportRenderer.Metrics($"{loaded.Manifest.Name} on {parse.GetValue(data)}", report);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
