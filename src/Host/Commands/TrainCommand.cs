using System.CommandLine;
using DeepLearning.Host.Rendering;
using DeepLearning.Host.Rendering.Report;
using DeepLearning.Pipelines.Running;
using DeepLearning.Pipelines.Spec;
using Spectre.Console;

namespace DeepLearning.Host.Commands;

/// <summary>`dlp train SPEC`: train, evaluate, and write the model bundle.</summary>
public static class TrainCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var spec = CommonOptions.Spec();
        var output = new Option<string?>("--output", "-o") { Description = "Where to write the model bundle (default: models/<name>.zip)." };
        var seed = new Option<int?>("--seed") { Description = "Override the spec's seed." };
        var registry = new Option<string?>("--registry") { Description = "Train into this model registry folder: a new version, promoted to champion only if the promotion gate says so (exit 0 promoted, 5 kept)." };
        var report = new Option<bool>("--report") { Description = "Also write a self-contained HTML run report next to the bundle (<model>.report.html): metrics, figures, spec, provenance." };
        var plot = new Option<string?>("--plot") { Description = "Also write a PNG: a 2-D scatter plot of the training rows (PCA of the features, coloured by cluster or label); for task reinforcement, the return per episode and its moving average." };
        var resume = new Option<bool>("--resume") { Description = "Continue a neural trainer's final fit from <output>.checkpoint (written every trainer.checkpoint_every epochs) when present, else train from scratch. Only trainer.epochs and trainer.checkpoint_every may differ from the checkpointed run." };
        var set = CommonOptions.Set();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("train", "Train a pipeline from a spec, evaluate it and write the model bundle.") { spec, output, registry, seed, resume, plot, report, set, json, verbose };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(json), parse.GetValue(verbose), () =>
        {
            var overrides = (parse.GetValue(set) ?? []).ToList();
            if (parse.GetValue(seed) is { } s) overrides.Add($"seed={s}");
            var loaded = SpecLoader.Load(parse.GetValue(spec)!, overrides);
            var progress = new ProgressLines(parse.GetValue(json));
            if (parse.GetValue(registry) is { } root)
            {
                if (parse.GetValue(output) is not null) throw new ArgumentException("give either --output or --registry: a registry decides where versions go");
                if (parse.GetValue(resume)) throw new ArgumentException("--resume needs --output: a checkpoint lives next to the bundle it leads to, and a registry names a new version per run");
                if (loaded.Spec.Data.Streaming) throw new ArgumentException("--registry is not available with data.streaming: true: the promotion gate compares the champion and the new model on test rows held in memory; train with --output");
                return RegistryOutput.Train(loaded, root, progress, parse.GetValue(json));
            }
            var path = parse.GetValue(output) ?? Path.Combine("models", loaded.Spec.Name + ".zip");
            if (loaded.Spec.Task == MlTask.Reinforcement)
            {
                if (parse.GetValue(resume)) throw new ArgumentException("--resume continues a neural trainer's checkpoint; task reinforcement writes none: train again");
                return ReinforcementOutput.Train(loaded, path, parse.GetValue(plot), parse.GetValue(report), parse.GetValue(json));
            }
            var epochs = new EpochProgressView(parse.GetValue(json));
            var result = epochs.Run(() => new PipelineTrainer(progress: progress, epochs: epochs).Train(loaded, path, parse.GetValue(resume)));
            var m = result.Manifest;
            string? plotPath = null, reportPath = null;
            if (parse.GetValue(plot) is not null || parse.GetValue(report))
            {
                // The trainer keeps no rows after fitting; reading the file again is cheap next to training and keeps
                // Pipelines free of plotting concerns.
                var scatter = result.Model.Project2D(new PipelineTrainer().Prepare(loaded).Train);
                if (parse.GetValue(plot) is { } wanted)
                {
                    ScatterPlot.WritePng(scatter, wanted);
                    plotPath = Path.GetFullPath(wanted);
                }
                if (parse.GetValue(report))
                {
                    reportPath = Path.ChangeExtension(result.ModelPath!, ".report.html");
                    RunReport.Write(m, result.ModelPath, ReportPlots.For(result, scatter), reportPath);
                }
            }
            if (parse.GetValue(json))
                JsonOut.Write(new { model = result.ModelPath, resumed_from_epoch = result.ResumedFromEpoch, plot = plotPath, report = reportPath, name = m.Name, task = m.Task, trainer = m.Trainer, metrics = m.Metrics.Metrics, evaluation = m.Metrics, cross_validation = m.CrossValidation, training_history = m.TrainingHistory, device = m.Provenance.Device, train_rows = m.Provenance.TrainRows, test_rows = m.Provenance.TestRows, duration_seconds = m.Provenance.DurationSeconds });
            else
            {
                ReportRenderer.Metrics($"{m.Name}: {m.Trainer} on the test rows", m.Metrics);
                if (m.CrossValidation is { } cv) ReportRenderer.CrossValidation(cv);
                AnsiConsole.MarkupLine($"Model written to [bold]{Markup.Escape(result.ModelPath!)}[/]");
                if (plotPath is not null) AnsiConsole.MarkupLine($"Plot written to [bold]{Markup.Escape(plotPath)}[/]");
                if (reportPath is not null) AnsiConsole.MarkupLine($"Report written to [bold]{Markup.Escape(reportPath)}[/]");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}
