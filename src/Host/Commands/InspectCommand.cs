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
            var manifest = ModelBundle.ReadManifest(parse.GetValue(model)!);
            if (parse.GetValue(json)) JsonOut.Write(manifest);
            else ReportRenderer.Manifest(parse.GetValue(model)!, manifest);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
