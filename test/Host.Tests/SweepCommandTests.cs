using System.Text.Json.Nodes;
using DeepLearning.Host.Tests.Support;

namespace DeepLearning.Host.Tests;

/// <summary><c>dlp sweep</c>: a table or JSON of every run, the best one, diverged runs marked, and the figure.</summary>
[TestClass, TestCategory("e2e")]
public sealed class SweepCommandTests
{
    private static readonly string Spec = Path.Combine(RepoPaths.Examples, "seed-regression-linear-gd.yaml");

    [TestMethod]
    public void Sweep_over_learning_rates_picks_a_convergent_one_and_draws_the_figure()
    {
        using var dir = new TempDir();
        var png = dir.Path("lr.png");
        var result = DlpProcess.Run(["sweep", Spec, "--set", "trainer.learning_rate=0.0001,0.01,0.5,10", "--set", "trainer.epochs=60", "--json", "--plot", png], dir.FullName);
        Assert.AreEqual(0, result.ExitCode, result.ToString());
        var json = JsonNode.Parse(result.StdOut)!;
        var runs = json["runs"]!.AsArray();
        Assert.HasCount(4, runs);
        Assert.AreEqual("diverged", runs[3]!["status"]!.GetValue<string>());
        Assert.IsGreaterThan(0, runs[3]!["diverged_at_epoch"]!.GetValue<int>());
        Assert.AreEqual(2, json["best"]!.GetValue<int>());
        var bytes = File.ReadAllBytes(png);
        CollectionAssert.AreEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
    }

    [TestMethod]
    public void A_sweep_where_every_run_diverges_says_so_and_fails()
    {
        using var dir = new TempDir();
        var result = DlpProcess.Run(["sweep", Spec, "--set", "trainer.learning_rate=5,10"], dir.FullName);
        Assert.AreEqual(1, result.ExitCode, result.ToString());
        StringAssert.Contains(result.StdErr, "every one of the 2 runs diverged");
    }
}
