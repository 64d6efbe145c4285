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
        var data = new Option<string?>("--data", "-d") { Description = "Labelled data file (CSV/TSV, optionally .gz); required except for a reinforcement-learning policy." };
        var drift = new Option<bool>("--drift") { Description = "Also compare the data with the training data's profile: PSI and missing-rate change per input column, and a verdict (none, moderate, major)." };
        var episodes = new Option<int?>("--episodes") { Description = "Reinforcement learning: episodes of the greedy policy (default: as many as after training)." };
        var seed = new Option<int?>("--seed") { Description = "Reinforcement learning: seed of the episodes (default: the training seed, which reproduces the evaluation in the manifest)." };
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("evaluate", "Evaluate a saved model on labelled data, or a policy over episodes of its environment.") { model, data, drift, episodes, seed, json, verbose };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(json), parse.GetValue(verbose), () =>
        {
            if (ReinforcementOutput.IsPolicy(parse.GetValue(model)!))
            {
                if (parse.GetValue(data) is not null || parse.GetValue(drift))
                    throw new ArgumentException("a reinforcement-learning policy is evaluated in its environment, not on data: drop --data/--drift, use --episodes N [--seed S]");
                return ReinforcementOutput.Evaluate(parse.GetValue(model)!, parse.GetValue(episodes), parse.GetValue(seed), parse.GetValue(json));
            }
            if (parse.GetValue(episodes) is not null || parse.GetValue(seed) is not null)
                throw new ArgumentException("--episodes and --seed are for reinforcement-learning policies; this model is evaluated on --data");
            if (parse.GetValue(data) is null) throw new ArgumentException("--data is required: a labelled file to evaluate the model on");
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
