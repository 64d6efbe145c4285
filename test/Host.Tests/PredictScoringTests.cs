using DeepLearning.Host.Tests.Support;

namespace DeepLearning.Host.Tests;

/// <summary><c>dlp predict</c> on a file longer than one chunk: a linear model takes the compiled path (from the file's
/// bytes, or through the chunk reader when the file is gzip), says so, and writes exactly the bytes of the general
/// ML.NET path.</summary>
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
        StringAssert.Contains(json["scoring"]!.GetValue<string>(), "parsed from the file's bytes");
        StringAssert.StartsWith(generalJson["scoring"]!.GetValue<string>(), "general path");
        CollectionAssert.AreEqual(File.ReadAllBytes(general), File.ReadAllBytes(auto));
        Assert.AreEqual("target,prediction", File.ReadLines(auto).First());

        // A gzip copy is not scanned from its bytes; the chunk reader compiles the model instead, with the same output.
        var zipped = dir.Path("long.csv.gz");
        using (var file = File.Create(zipped))
        using (var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest))
            gzip.Write(File.ReadAllBytes(data));
        var chunked = dir.Path("chunked.csv");
        var chunkedJson = Dlp.ParseObject(Dlp.Succeed(dir, "predict", model, "--data", zipped, "--output", chunked, "--keep", "target", "--json").StdOut);
        Assert.AreEqual("compiled linear path (ols head, 10 features)", chunkedJson["scoring"]!.GetValue<string>());
        CollectionAssert.AreEqual(File.ReadAllBytes(general), File.ReadAllBytes(chunked));
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
