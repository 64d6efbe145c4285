using System.CommandLine;
using DeepLearning.Host.Rendering;
using DeepLearning.Pipelines.Reinforcement;
using DeepLearning.Pipelines.Running;
using DeepLearning.Pipelines.Spec;
using DeepLearning.Pipelines.Trainers;
using DeepLearning.Pipelines.Transforms;
using Microsoft.ML;
using Spectre.Console;

namespace DeepLearning.Host.Commands;

/// <summary>`dlp validate SPEC`: check the spec and its data without training.</summary>
public static class ValidateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var spec = CommonOptions.Spec();
        var set = CommonOptions.Set();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("validate", "Check a spec and its data without training.") { spec, set, json, verbose };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(json), parse.GetValue(verbose), () =>
        {
            var loaded = SpecLoader.Load(parse.GetValue(spec)!, parse.GetValue(set));
            if (loaded.Spec.Task == MlTask.Reinforcement) return Reinforcement(loaded, parse.GetValue(json));
            var data = new PipelineTrainer(progress: new ProgressLines(parse.GetValue(json))).Prepare(loaded);
            var plan = Featurizer.Build(new MLContext(0), data.Features, loaded.Spec.Transforms, TrainerCatalog.Default.Find(loaded.Spec.Trainer.Name)!, loaded.Spec.Trainer.Options, loaded.Spec.Task);
            var columns = data.Features.Select(f => new { name = f.Name, kind = SnakeCase.Of(f.Kind) }).ToList();
            if (parse.GetValue(json))
                JsonOut.Write(new { valid = true, spec = loaded.Path, rows = data.LabelledRows, test_rows = data.Test?.Rows.Length, label = loaded.Spec.Label, classes = data.Train.Classes, features = columns, featurization = plan.Steps });
            else
            {
                AnsiConsole.MarkupLine($"[green]valid[/]: {Markup.Escape(loaded.Path)} — {data.LabelledRows} labelled rows, {columns.Count} features" +
                    (data.Train.Classes.Count > 0 ? $", classes {Markup.Escape(string.Join(", ", data.Train.Classes))}" : ""));
                var table = new Table().Border(TableBorder.Rounded).AddColumn("feature").AddColumn("kind");
                foreach (var c in columns) table.AddRow(Markup.Escape(c.name), c.kind);
                AnsiConsole.Write(table);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>A reinforcement spec has no data to read: the environment is made (which checks its options) and described.</summary>
    private static int Reinforcement(LoadedSpec loaded, bool json)
    {
        var spec = loaded.Spec;
        var environment = EnvironmentCatalog.Default.Create(spec.Environment);
        if (json)
            JsonOut.Write(new { valid = true, spec = loaded.Path, task = spec.Task, environment = spec.Environment.Name, agent = spec.Agent.Name, state_variables = environment.StateVariables, actions = environment.ActionNames, states = environment.StateCount, max_steps = environment.MaxSteps, episodes = spec.Episodes, evaluation_episodes = spec.EvaluationEpisodes });
        else
        {
            var states = environment.StateCount is { } n ? $"{n} discrete states" : $"a continuous state ({string.Join(", ", environment.StateVariables)})";
            AnsiConsole.MarkupLine($"[green]valid[/]: {Markup.Escape(loaded.Path)} — {Markup.Escape(spec.Agent.Name)} in {Markup.Escape(spec.Environment.Name)}: {Markup.Escape(states)}, " +
                $"actions {Markup.Escape(string.Join(", ", environment.ActionNames))}, at most {environment.MaxSteps} steps per episode; {spec.Episodes} training and {spec.EvaluationEpisodes} evaluation episodes");
        }
        return ExitCodes.Ok;
    }
}
