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
        var drift = new Option<bool>("--drift") { Description = "Also compare the data with the training data's profile: PSI and missing-rate change per input column, and a verdict (none, moderate, major)." };
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("evaluate", "Evaluate a saved model on labelled data.") { model, data, drift, json, verbose };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(json), parse.GetValue(verbose), () =>
        {
            var loaded = PipelineModel.Load(parse.GetValue(model)!);
            var report = loaded.Evaluate(parse.GetValue(data)!);
            var driftReport = parse.GetValue(drift) ? loaded.CheckDrift(parse.GetValue(data)!) : null;
            if (parse.GetValue(json)) JsonOut.Write(new { model = parse.GetValue(model), data = parse.GetValue(data), metrics = report.Metrics, evaluation = report, drift = driftReport });
            else
            {
                ReportRenderer.Metrics($"{loaded.Manifest.Name} on {parse.GetValue(data)}", report);
                if (driftReport is not null) ReportRenderer.Drift(driftReport);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}
