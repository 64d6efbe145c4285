using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using DeepLearning.Pipelines.Spec;
using DeepLearning.Pipelines.Trainers;
using DeepLearning.Pipelines.Transforms;

namespace DeepLearning.Host.Commands;

/// <summary>`dlp schema`: the spec's JSON Schema, generated from the option declarations.</summary>
public static class SchemaCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var command = new Command("schema", "Print the JSON Schema of pipeline specs (every key, type, default and description).");
        command.SetAction(_ =>
        {
            var schema = new JsonSchemaGenerator(TrainerCatalog.Default, TransformCatalog.Default).Generate();
            Console.Out.WriteLine(schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            return ExitCodes.Ok;
        });
        return command;
    }
}
