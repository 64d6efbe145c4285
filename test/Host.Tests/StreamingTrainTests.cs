using DeepLearning.Host.Tests.Support;

namespace DeepLearning.Host.Tests;

/// <summary><c>dlp generate</c> and <c>dlp train</c> with <c>data.streaming: true</c>, end to end: the streamed metric
/// matches the loaded path's, the generator is deterministic, and a bad row deep in the file fails with exit 3,
/// its line named and no file left behind.</summary>
[TestClass, TestCategory("e2e")]
public sealed class StreamingTrainTests
{
    private const string Spec = """
        name: streamed
        task: regression
        data: { train: data.csv, streaming: true }
        label: y
        trainer: { name: sdca, max_iterations: 10, threads: 1 }
        """;

    [TestMethod]
    public void Generate_is_deterministic_under_its_seed_and_reports_its_truth()
    {
        using var dir = new TempDir();
        var first = Dlp.ParseObject(Dlp.Succeed(dir, "generate", "--task", "multiclass", "--rows", "500", "--features", "4", "--seed", "9", "-o", dir.Path("a.csv"), "--json").StdOut);
        Dlp.Succeed(dir, "generate", "--task", "multiclass", "--rows", "500", "--features", "4", "--seed", "9", "-o", dir.Path("b.csv"));
        Dlp.Succeed(dir, "generate", "--task", "multiclass", "--rows", "500", "--features", "4", "--seed", "10", "-o", dir.Path("c.csv"));

        CollectionAssert.AreEqual(File.ReadAllBytes(dir.Path("a.csv")), File.ReadAllBytes(dir.Path("b.csv")));
        CollectionAssert.AreNotEqual(File.ReadAllBytes(dir.Path("a.csv")), File.ReadAllBytes(dir.Path("c.csv")));
        var lines = File.ReadAllLines(dir.Path("a.csv"));
        Assert.AreEqual("x1,x2,x3,x4,y", lines[0]);
        Assert.HasCount(501, lines);
        Assert.AreEqual(500, first["rows"]!.GetValue<long>());
        Assert.AreEqual(new FileInfo(dir.Path("a.csv")).Length, first["bytes"]!.GetValue<long>());
        Assert.AreEqual(3, first["weights"]!.AsArray().Count, "one weight vector per class");
        CollectionAssert.AreEquivalent(new[] { "c0", "c1", "c2" }, lines.Skip(1).Select(l => l.Split(',')[^1]).Distinct().ToArray());
    }

    [TestMethod]
    public void Generate_by_size_stops_at_the_first_row_past_it()
    {
        using var dir = new TempDir();
        var json = Dlp.ParseObject(Dlp.Succeed(dir, "generate", "--size", "200KB", "--features", "3", "-o", dir.Path("s.csv"), "--json").StdOut);
        long bytes = new FileInfo(dir.Path("s.csv")).Length;
        Assert.AreEqual(bytes, json["bytes"]!.GetValue<long>());
        Assert.IsGreaterThanOrEqualTo(200_000L, bytes);
        Assert.IsLessThan(200_000L + 100, bytes, "more than one row past the size");
    }

    [TestMethod]
    public void Generate_rejects_bad_arguments_with_exit_2_and_writes_nothing()
    {
        using var dir = new TempDir();
        var result = Dlp.Run(dir, "generate", "--task", "clustering", "--rows", "10", "-o", dir.Path("x.csv"));
        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.StdErr, "allowed: regression, binary, multiclass");
        result = Dlp.Run(dir, "generate", "--size", "12 parsecs", "-o", dir.Path("x.csv"));
        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.StdErr, "received '12 parsecs'");
        Assert.IsFalse(File.Exists(dir.Path("x.csv")));
        Assert.IsEmpty(Directory.GetFiles(dir.FullName));
    }

    [TestMethod]
    public void Streamed_train_matches_the_loaded_train_and_writes_a_bundle_that_predicts()
    {
        using var dir = new TempDir();
        Dlp.Succeed(dir, "generate", "--rows", "20000", "--features", "8", "--seed", "3", "-o", dir.Path("data.csv"));
        var spec = dir.Write("streamed.yaml", Spec);

        var streamed = Dlp.ParseObject(Dlp.Succeed(dir, "train", spec, "--output", dir.Path("s.zip"), "--json").StdOut);
        var loaded = Dlp.ParseObject(Dlp.Succeed(dir, "train", spec, "--set", "data.streaming=false", "--output", dir.Path("m.zip"), "--json").StdOut);

        double r2 = streamed["metrics"]!["r_squared"]!.GetValue<double>();
        // Different test rows (a hashed vs a shuffled 20 %), same model family: both near the noise floor.
        Assert.AreEqual(loaded["metrics"]!["r_squared"]!.GetValue<double>(), r2, 1e-3);
        Assert.AreEqual(0.1, streamed["metrics"]!["rmse"]!.GetValue<double>(), 0.02, "the generator's noise is 0.1");
        Assert.AreEqual(20000, streamed["train_rows"]!.GetValue<int>() + streamed["test_rows"]!.GetValue<int>());

        var predictions = dir.Path("p.csv");
        Dlp.Succeed(dir, "predict", dir.Path("s.zip"), "--data", dir.Path("data.csv"), "--output", predictions);
        Assert.HasCount(20001, File.ReadAllLines(predictions));
    }

    [TestMethod]
    public void Streamed_train_with_a_bad_row_deep_in_the_file_exits_3_names_the_line_and_leaves_nothing()
    {
        using var dir = new TempDir();
        Dlp.Succeed(dir, "generate", "--rows", "30000", "--features", "3", "--seed", "4", "-o", dir.Path("data.csv"));
        var lines = File.ReadAllLines(dir.Path("data.csv"));
        lines[29_000] = "0.5,0.25,\"unclosed,1.0"; // line 29 001: a quote that never closes
        File.WriteAllLines(dir.Path("data.csv"), lines);
        var spec = dir.Write("streamed.yaml", Spec);
        Directory.CreateDirectory(dir.Path("out"));

        var result = Dlp.Run(dir, "train", spec, "--output", dir.Path("out", "model.zip"));

        Assert.AreEqual(3, result.ExitCode, result.ToString());
        StringAssert.Contains(result.StdErr, "data.csv:29001");
        StringAssert.Contains(result.StdErr, "never closed");
        Dlp.AssertNoStackTrace(result);
        Assert.IsEmpty(dir.FilesUnder("out"));
    }

    [TestMethod]
    public void Streaming_into_a_registry_is_refused_with_exit_2()
    {
        using var dir = new TempDir();
        Dlp.Succeed(dir, "generate", "--rows", "100", "--features", "3", "-o", dir.Path("data.csv"));
        var spec = dir.Write("streamed.yaml", Spec);

        var result = Dlp.Run(dir, "train", spec, "--registry", dir.Path("registry"));

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.StdErr, "--registry is not available with data.streaming: true");
        Assert.IsFalse(Directory.Exists(dir.Path("registry")));
    }

    [TestMethod]
    public void Streaming_with_a_trainer_that_loads_the_data_is_a_spec_error()
    {
        using var dir = new TempDir();
        Dlp.Succeed(dir, "generate", "--rows", "100", "--features", "3", "-o", dir.Path("data.csv"));
        var spec = dir.Write("streamed.yaml", Spec.Replace("{ name: sdca, max_iterations: 10, threads: 1 }", "{ name: fasttree }"));

        var result = Dlp.Run(dir, "train", spec, "--output", dir.Path("out", "model.zip"));

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.StdErr, "trainer.name");
        StringAssert.Contains(result.StdErr, "allowed with data.streaming: true: sdca, sdca_logistic, sdca_maximum_entropy, mlp");
    }
}
