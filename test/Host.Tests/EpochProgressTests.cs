using DeepLearning.Host.Tests.Support;

namespace DeepLearning.Host.Tests;

/// <summary><c>dlp train</c> reports each epoch of a neural trainer on standard error (plain lines when redirected),
/// and nothing with <c>--json</c>.</summary>
[TestClass, TestCategory("e2e")]
public sealed class EpochProgressTests
{
    private static readonly string[] Settings = ["--set", "evaluate.cross_validation=0", "--set", "trainer.epochs=3", "--set", "trainer.validation_fraction=0.2"];

    [TestMethod]
    public void Redirected_stderr_gets_one_line_per_epoch()
    {
        using var dir = new TempDir();
        var result = Dlp.Succeed(dir, ["train", Path.Combine(RepoPaths.Examples, "iris-mlp.yaml"), "--output", dir.Path("m.zip"), .. Settings]);
        var lines = result.StdErr.Split('\n').Where(l => l.StartsWith("epoch ", StringComparison.Ordinal)).ToList();
        Assert.HasCount(3, lines, result.ToString());
        for (int e = 1; e <= 3; e++)
            Assert.MatchesRegex($@"^epoch {e}/3 loss \d+\.\d{{4}} val \d+\.\d{{4}}$", lines[e - 1].TrimEnd('\r'));
        Assert.DoesNotContain("epoch 1/3", result.StdOut, "progress stays off standard output");
    }

    [TestMethod]
    public void Json_prints_no_epoch_lines()
    {
        using var dir = new TempDir();
        var result = Dlp.Succeed(dir, ["train", Path.Combine(RepoPaths.Examples, "iris-mlp.yaml"), "--output", dir.Path("m.zip"), "--json", .. Settings]);
        Assert.DoesNotContain("epoch 1/3", result.StdErr, result.ToString());
        Dlp.ParseObject(result.StdOut);
    }
}
