using DeepLearning.Host.Tests.Support;

namespace DeepLearning.Host.Tests;

/// <summary><c>dlp predict</c> on a file longer than one chunk: a linear model takes the compiled path, says so, and
/// writes exactly the bytes of the general ML.NET path.</summary>
[TestClass, TestCategory("e2e")]
public sealed class PredictScoringTests
{
    [TestMethod]
    public void A_linear_model_on_a_long_file_takes_the_compiled_path_with_the_general_paths_output()
    {
        using var dir = new TempDir();
        var (model, _) = Dlp.Train(dir, "diabetes-ols.yaml");
        var lines = File.ReadAllLines(RepoPaths.Dataset("diabetes", "diabetes.csv"));
        // 40 copies of the 442 rows (17,680): more than one 16,384-row chunk, the length worth compiling for.
        var data = dir.Write("long.csv", string.Join('\n', Enumerable.Repeat(lines.Skip(1), 40).SelectMany(r => r).Prepend(lines[0])) + "\n");
        var auto = dir.Path("auto.csv");
        var general = dir.Path("general.csv");

        var json = Dlp.ParseObject(Dlp.Succeed(dir, "predict", model, "--data", data, "--output", auto, "--keep", "target", "--json").StdOut);
        var generalJson = Dlp.ParseObject(Dlp.Succeed(dir, "predict", model, "--data", data, "--output", general, "--keep", "target", "--scoring", "general", "--json").StdOut);

        Assert.AreEqual(17_680, json["rows"]!.GetValue<int>());
        StringAssert.StartsWith(json["scoring"]!.GetValue<string>(), "compiled linear path");
        StringAssert.StartsWith(generalJson["scoring"]!.GetValue<string>(), "general path");
        CollectionAssert.AreEqual(File.ReadAllBytes(general), File.ReadAllBytes(auto));
        Assert.AreEqual("target,prediction", File.ReadLines(auto).First());
    }

    [TestMethod]
    public void An_unknown_scoring_path_is_a_usage_error()
    {
        using var dir = new TempDir();

        var result = Dlp.Run(dir, "predict", "model.zip", "--data", "x.csv", "--output", "y.csv", "--scoring", "fast");

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        Assert.Contains("fast", result.StdErr, result.ToString());
    }
}
