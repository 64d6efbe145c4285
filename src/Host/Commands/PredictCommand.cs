using System.CommandLine;
using System.Diagnostics;
using DeepLearning.Host.Rendering;
using DeepLearning.Pipelines.Prediction;

namespace DeepLearning.Host.Commands;

/// <summary>`dlp predict MODEL --data IN --output OUT`: score a file of any size, streaming.</summary>
public static class PredictCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var data = new Option<string?>("--data", "-d") { Description = "Input data file with the model's input columns (a reinforcement-learning policy: a CSV of states)." };
        var output = new Option<string?>("--output", "-o") { Description = "Output CSV, written atomically; - for standard output (a policy's actions default to standard output)." };
        var keep = new Option<string[]>("--keep") { Description = "Input columns to copy into the output before the predictions (e.g. an id).", AllowMultipleArgumentsPerToken = true };
        var scoring = new Option<string>("--scoring")
        {
            Description = "auto: a linear regression model is scored by a compiled path, checked to give ML.NET's predictions bit for bit; general: always through ML.NET.",
            DefaultValueFactory = _ => "auto",
        };
        scoring.AcceptOnlyFromAmong("auto", "general");
        var state = new Option<string?>("--state") { Description = "Reinforcement learning: one state as comma-separated numbers, e.g. \"0.1,0,0.02,0\" (cart-pole x, x_dot, theta, theta_dot) or \"2,3\" (grid row, column); prints the action and its Q-values or probabilities." };
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("predict", "Predict every row of a data file into a CSV file, or a policy's action for a state.") { model, data, output, keep, scoring, state, json, verbose };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(json), parse.GetValue(verbose), () =>
        {
            // Usage first, before the model is read: rows to predict need somewhere to go.
            if (parse.GetValue(state) is null && parse.GetValue(data) is not null && parse.GetValue(output) is null)
                throw new ArgumentException("--output is required with --data: where to write the predictions (- for standard output)");
            if (ReinforcementOutput.IsPolicy(parse.GetValue(model)!))
            {
                if (parse.GetValue(keep) is { Length: > 0 }) throw new ArgumentException("--keep copies input columns of a data model; a policy's output already repeats the state");
                return ReinforcementOutput.Predict(parse.GetValue(model)!, parse.GetValue(state), parse.GetValue(data), parse.GetValue(output), parse.GetValue(json));
            }
            if (parse.GetValue(state) is not null) throw new ArgumentException("--state is for reinforcement-learning policies; this model predicts the rows of --data");
            if (parse.GetValue(data) is null || parse.GetValue(output) is null)
                throw new ArgumentException("--data and --output are required: the rows to predict and where to write the predictions (- for standard output)");
            var clock = Stopwatch.StartNew();
            var keepColumns = (parse.GetValue(keep) ?? []).SelectMany(k => k.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var options = new ScoringOptions { FastPath = parse.GetValue(scoring) != "general" };
            ScoringSummary summary;
            if (parse.GetValue(output) == "-")
                using (var stdout = Console.OpenStandardOutput()) summary = BatchScorer.Run(parse.GetValue(model)!, parse.GetValue(data)!, stdout, keepColumns, options);
            else summary = BatchScorer.Run(parse.GetValue(model)!, parse.GetValue(data)!, parse.GetValue(output)!, keepColumns, options);
            var (rows, seconds) = (summary.Rows, clock.Elapsed.TotalSeconds);
            if (parse.GetValue(json)) JsonOut.Write(new { model = parse.GetValue(model), output = parse.GetValue(output), rows, seconds, scoring = summary.Path });
            else if (parse.GetValue(output) != "-") Console.Error.WriteLine($"Wrote {rows} predictions to {parse.GetValue(output)} in {seconds:F2}s ({summary.Path})");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
