using System.Text.Json.Nodes;

namespace DeepLearning.Host.Tests.Support;

/// <summary>Steps many tests share: train a shipped example into a test's folder, read JSON output.</summary>
public static class Dlp
{
    /// <summary>The iris data set (150 rows, label <c>species</c>).</summary>
    public static string IrisCsv => RepoPaths.Dataset("iris", "iris.csv");

    /// <summary>Runs dlp in <paramref name="dir"/>.</summary>
    public static ProcessResult Run(TempDir dir, params string[] args) => DlpProcess.Run(args, dir.FullName);

    /// <summary>Runs dlp and asserts it succeeded.</summary>
    public static ProcessResult Succeed(TempDir dir, params string[] args)
    {
        var result = Run(dir, args);
        Assert.AreEqual(0, result.ExitCode, $"dlp {string.Join(' ', args)} failed:\n{result}");
        return result;
    }

    /// <summary><c>dlp train examples/EXAMPLE --output OUTPUT --json EXTRA</c> (OUTPUT defaults to models/EXAMPLE.zip in
    /// <paramref name="dir"/>); returns the bundle's path and the JSON.</summary>
    public static (string Model, JsonObject Json) Train(TempDir dir, string example, string? output = null, params string[] extra)
    {
        var model = output ?? dir.Path("models", Path.GetFileNameWithoutExtension(example) + ".zip");
        var result = Succeed(dir, ["train", Path.Combine(RepoPaths.Examples, example), "--output", model, "--json", .. extra]);
        Assert.IsTrue(File.Exists(model), $"no bundle at {model}");
        return (model, ParseObject(result.StdOut));
    }

    /// <summary>Standard output must be exactly one JSON object (nothing before or after it).</summary>
    public static JsonObject ParseObject(string stdout)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(stdout);
        }
        catch (System.Text.Json.JsonException e)
        {
            Assert.Fail($"standard output is not one JSON value ({e.Message}):\n{stdout}");
            throw;
        }
        Assert.IsInstanceOfType<JsonObject>(node, $"standard output is not a JSON object:\n{stdout}");
        return (JsonObject)node;
    }

    /// <summary><c>dlp inspect MODEL --json</c>.</summary>
    public static JsonObject Inspect(TempDir dir, string model) => ParseObject(Succeed(dir, "inspect", model, "--json").StdOut);

    /// <summary>What a failed command must not print: a stack trace (only --verbose shows one).</summary>
    public static void AssertNoStackTrace(ProcessResult result) =>
        Assert.DoesNotContain("   at ", result.StdErr, $"a stack trace without --verbose:\n{result}");
}
