using System.Diagnostics;
using System.Text.Json.Nodes;
using DeepLearning.Host.Tests.Support;
using DeepLearning.Pipelines.Prediction;
using DeepLearning.Pipelines.Registry;

namespace DeepLearning.Host.Tests;

/// <summary><c>dlp train --registry</c> as a nightly scheduler runs it: exit codes to branch on, a JSON verdict, and
/// a registry that survives the process being killed at any point.</summary>
[TestClass, TestCategory("e2e")]
public sealed class RegistryCommandTests
{
    private static string Example(string name) => Path.Combine(RepoPaths.Examples, name);

    [TestMethod]
    public void Nightly_cycles_exit_0_when_promoted_and_5_when_kept()
    {
        using var dir = new TempDir();
        var registry = dir.Path("registry");
        var day1 = DlpProcess.Run(["train", Example("breast-cancer-logistic.yaml"), "--registry", registry, "--json"], dir.FullName);
        Assert.AreEqual(0, day1.ExitCode, day1.ToString());
        var verdict1 = JsonNode.Parse(day1.StdOut)!["verdict"]!;
        Assert.AreEqual("promoted", verdict1["decision"]!.GetValue<string>());

        var day2 = DlpProcess.Run(["train", Example("breast-cancer-logistic.yaml"), "--registry", registry, "--json", "--set", "trainer.l2=1000"], dir.FullName);
        Assert.AreEqual(5, day2.ExitCode, day2.ToString());
        var verdict2 = JsonNode.Parse(day2.StdOut)!["verdict"]!;
        Assert.AreEqual("kept", verdict2["decision"]!.GetValue<string>());
        Assert.AreEqual(1, verdict2["champion_version"]!.GetValue<int>());
        Assert.AreEqual(2, JsonNode.Parse(day2.StdOut)!["version"]!.GetValue<int>());

        var list = DlpProcess.Run(["registry", "list", registry, "--json"], dir.FullName);
        Assert.AreEqual(0, list.ExitCode, list.ToString());
        var model = JsonNode.Parse(list.StdOut)!["models"]![0]!;
        Assert.AreEqual(1, model["champion"]!.GetValue<int>());
        Assert.AreEqual(2, model["versions"]!.AsArray().Count);

        var both = DlpProcess.Run(["train", Example("breast-cancer-logistic.yaml"), "--registry", registry, "--output", dir.Path("x.zip")], dir.FullName);
        Assert.AreEqual(2, both.ExitCode, both.ToString());
        var missing = DlpProcess.Run(["registry", "show", registry, "no-such-model"], dir.FullName);
        Assert.AreEqual(6, missing.ExitCode, missing.ToString());
        StringAssert.Contains(missing.StdErr, "has no model 'no-such-model'");
    }

    [TestMethod]
    public void Killing_a_training_at_any_point_leaves_the_champion_loadable()
    {
        using var dir = new TempDir();
        var registry = dir.Path("registry");
        var spec = Example("spam-sdca-logistic.json");
        var first = DlpProcess.Run(["train", spec, "--registry", registry, "--set", "transforms.0.featurize_text.char_ngrams=0"], dir.FullName);
        Assert.AreEqual(0, first.ExitCode, first.ToString());

        foreach (var delay in new[] { 300, 1200, 2500, 4000, 6000 })
        {
            KillAfter(["train", spec, "--registry", registry], dir.FullName, TimeSpan.FromMilliseconds(delay));
            var models = ModelRegistry.Open(registry, "spam-filter", create: false);
            Assert.AreEqual(1, models.Champion()!.Version, $"killed after {delay} ms");
            var champion = PipelineModel.Load(models.Version(1).BundlePath);
            Assert.AreEqual("binary", champion.Manifest.Task.ToString().ToLowerInvariant());
            foreach (var version in models.Versions()) PipelineModel.Load(version.BundlePath); // every listed version loads
        }

        // The next run cleans what the killed ones left and completes.
        var after = DlpProcess.Run(["train", spec, "--registry", registry, "--set", "transforms.0.featurize_text.char_ngrams=0", "--json"], dir.FullName);
        Assert.IsTrue(after.ExitCode is 0 or 5, after.ToString());
        var versions = Path.Combine(registry, "spam-filter", "versions");
        var leftovers = Directory.GetFileSystemEntries(versions).Select(Path.GetFileName).Where(n => n!.StartsWith('.')).ToList();
        Assert.IsEmpty(leftovers, "no staging leftovers after a completed run");
    }

    private static void KillAfter(IEnumerable<string> args, string workingDir, TimeSpan delay)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepoPaths.DlpDll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(delay)) process.Kill(entireProcessTree: true); // SIGKILL: no cleanup code runs
        process.WaitForExit();
    }
}
