using System.CommandLine;
using DeepLearning.Host.Rendering;
using DeepLearning.Pipelines.Bundle;

namespace DeepLearning.Host.Commands;

/// <summary>`dlp inspect MODEL`: what a bundle holds, without loading the model.</summary>
public static class InspectCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("inspect", "Show a model bundle's manifest: schema, classes, metrics, provenance.") { model, json, verbose };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(json), parse.GetValue(verbose), () =>
        {
            var path = parse.GetValue(model)!;
            // The table reads the manifest's JSON directly: deserializing it all would double a cold start.
            if (parse.GetValue(json)) JsonOut.Write(ModelBundle.ReadManifest(path));
            else ModelBundle.ReadManifestJson(path, manifest => ManifestReport.Show(path, manifest));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
