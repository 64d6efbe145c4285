using System.CommandLine;
using DeepLearning.Host.Rendering;
using DeepLearning.Pipelines.Registry;
using Spectre.Console;

namespace DeepLearning.Host.Commands;

/// <summary>`dlp registry list|show|promote|rollback|gc`: look after the models in a registry folder.</summary>
public static class RegistryCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var command = new Command("registry", "List, inspect, promote, roll back and clean up registry versions.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Promote());
        command.Subcommands.Add(Rollback());
        command.Subcommands.Add(Gc());
        return command;
    }

    private static Argument<string> Root() => new("registry") { Description = "The registry folder." };

    private static Argument<string> Name() => new("name") { Description = "The model name (the spec's name)." };

    private static Command List()
    {
        var root = Root();
        var name = new Argument<string?>("name") { Description = "A model name; omitted: every model.", Arity = ArgumentArity.ZeroOrOne };
        var json = CommonOptions.Json();
        var command = new Command("list", "List the models, or one model's versions.") { root, name, json };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(json), false, () =>
        {
            var folder = parse.GetValue(root)!;
            var names = parse.GetValue(name) is { } one ? [one] : ModelRegistry.Names(folder);
            var rows = names.Select(n =>
            {
                var registry = ModelRegistry.Open(folder, n, create: false);
                var champion = registry.Champion()?.Version;
                return new
                {
                    name = n,
                    champion,
                    versions = registry.Versions().Select(v => new
                    {
                        version = v.Number,
                        champion = v.Number == champion,
                        trained_at = v.Manifest.Provenance.StartedAt,
                        trainer = v.Manifest.Trainer,
                        metrics = v.Manifest.Metrics.Metrics,
                        decision = v.Verdict?.Decision,
                    }).ToList(),
                };
            }).ToList();
            if (parse.GetValue(json)) JsonOut.Write(new { registry = Path.GetFullPath(folder), models = rows });
            else
                foreach (var model in rows)
                {
                    var table = new Table().Border(TableBorder.Rounded).AddColumn("version").AddColumn("trained").AddColumn("trainer").AddColumn("metrics").AddColumn("verdict");
                    foreach (var v in model.versions)
                        table.AddRow(v.champion ? $"[green bold]{v.version} ★[/]" : v.version.ToString(), $"{v.trained_at:u}", v.trainer,
                            Markup.Escape(string.Join(", ", v.metrics.Take(3).Select(x => $"{x.Key} {x.Value:F4}"))), v.decision ?? "");
                    AnsiConsole.MarkupLine($"[bold]{Markup.Escape(model.name)}[/] (champion: {model.champion?.ToString() ?? "none"})");
                    AnsiConsole.Write(table);
                }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Show()
    {
        var root = Root();
        var name = Name();
        var version = new Option<int?>("--version") { Description = "The version; omitted: the champion." };
        var json = CommonOptions.Json();
        var command = new Command("show", "Show a version's manifest and verdict (default: the champion).") { root, name, version, json };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(json), false, () =>
        {
            var registry = ModelRegistry.Open(parse.GetValue(root)!, parse.GetValue(name)!, create: false);
            int number = parse.GetValue(version) ?? registry.Champion()?.Version ?? throw new RegistryException($"'{registry.Name}' has no champion; give --version");
            var v = registry.Version(number);
            if (parse.GetValue(json)) JsonOut.Write(new { version = v.Number, path = v.BundlePath, verdict = v.Verdict, manifest = v.Manifest });
            else
            {
                ManifestReport.Show(v.BundlePath, v.Manifest);
                if (v.Verdict is { } verdict) RegistryOutput.Verdict(verdict);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Promote()
    {
        var root = Root();
        var name = Name();
        var version = new Argument<int>("version") { Description = "The version to make champion." };
        var command = new Command("promote", "Make a version the champion by hand.") { root, name, version };
        command.SetAction(parse => CommandRunner.Run(false, false, () =>
        {
            var registry = ModelRegistry.Open(parse.GetValue(root)!, parse.GetValue(name)!, create: false);
            using var held = registry.Lock();
            registry.Promote(parse.GetValue(version), "promoted by hand");
            Console.WriteLine($"{registry.Name}: version {parse.GetValue(version)} is the champion");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Rollback()
    {
        var root = Root();
        var name = Name();
        var command = new Command("rollback", "Make the previous champion the champion again.") { root, name };
        command.SetAction(parse => CommandRunner.Run(false, false, () =>
        {
            var registry = ModelRegistry.Open(parse.GetValue(root)!, parse.GetValue(name)!, create: false);
            using var held = registry.Lock();
            Console.WriteLine($"{registry.Name}: version {registry.Rollback()} is the champion again");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Gc()
    {
        var root = Root();
        var name = Name();
        var keep = new Option<int>("--keep") { Description = "Newest versions to keep (the champion is always kept).", DefaultValueFactory = _ => 5 };
        var command = new Command("gc", "Delete old versions, keeping the newest and the champion.") { root, name, keep };
        command.SetAction(parse => CommandRunner.Run(false, false, () =>
        {
            var registry = ModelRegistry.Open(parse.GetValue(root)!, parse.GetValue(name)!, create: false);
            using var held = registry.Lock();
            var deleted = registry.CollectGarbage(parse.GetValue(keep));
            Console.WriteLine(deleted.Count == 0 ? $"{registry.Name}: nothing to delete" : $"{registry.Name}: deleted versions {string.Join(", ", deleted)}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
