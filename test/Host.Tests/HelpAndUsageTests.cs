using DeepLearning.Host.Tests.Support;

namespace DeepLearning.Host.Tests;

/// <summary><c>--help</c> on every command, and exit code 2 for a command line that cannot be parsed.</summary>
[TestClass, TestCategory("e2e")]
public sealed class HelpAndUsageTests
{
    private static readonly string[] Commands = ["train", "evaluate", "predict", "inspect", "validate", "schema"];

    [TestMethod]
    [DataRow("train")]
    [DataRow("evaluate")]
    [DataRow("predict")]
    [DataRow("inspect")]
    [DataRow("validate")]
    [DataRow("schema")]
    public void Help_works_for_every_command(string command)
    {
        using var dir = new TempDir();

        var result = Dlp.Succeed(dir, command, "--help");

        Assert.Contains("Usage:", result.StdOut, result.ToString());
        Assert.Contains($"dlp {command}", result.StdOut, result.ToString());
        Assert.AreEqual("", result.StdErr);
    }

    [TestMethod]
    public void Root_help_lists_every_command()
    {
        using var dir = new TempDir();

        var result = Dlp.Succeed(dir, "--help");

        foreach (var command in Commands) Assert.Contains(command, result.StdOut, result.ToString());
    }

    [TestMethod]
    [DataRow("train")]
    [DataRow("train", "spec.yaml", "--no-such-option")]
    [DataRow("predict", "model.zip", "--data", "in.csv")]
    [DataRow("train", "spec.yaml", "--seed", "many")]
    [DataRow("no-such-command")]
    public void Bad_usage_exits_2_with_a_hint(params string[] args)
    {
        using var dir = new TempDir();

        var result = Dlp.Run(dir, args);

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        Assert.StartsWith("error: ", result.StdErr, result.ToString());
        Assert.Contains("--help", result.StdErr, result.ToString());
        Assert.IsEmpty(dir.FilesUnder("."), "a failed command wrote files");
    }
}
