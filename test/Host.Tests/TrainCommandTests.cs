using System.Text.Json.Nodes;
using DeepLearning.Host.Tests.Support;

namespace DeepLearning.Host.Tests;

/// <summary><c>dlp train</c> on the shipped examples: JSON output, the bundle written, determinism of seeds and overrides.</summary>
[TestClass, TestCategory("e2e")]
public sealed class TrainCommandTests
{
    [TestMethod]
    public void Train_json_prints_one_object_with_metrics_and_model_and_writes_the_bundle()
    {
        using var dir = new TempDir();
        var model = dir.Path("out", "iris.zip");

        var result = Dlp.Succeed(dir, "train", Path.Combine(RepoPaths.Examples, "iris-maximum-entropy.yaml"), "--output", model, "--json");

        var json = Dlp.ParseObject(result.StdOut);
        Assert.AreEqual(model, json["model"]!.GetValue<string>());
        Assert.IsTrue(File.Exists(model), "the bundle was not written");
        var metrics = json["metrics"]!.AsObject();
        Assert.IsTrue(metrics.ContainsKey("micro_accuracy"), json.ToJsonString());
        // A floor, not a target: maximum entropy separates iris well; far below this means training broke.
        Assert.IsGreaterThanOrEqualTo(0.85, metrics["micro_accuracy"]!.GetValue<double>());
        Assert.AreEqual(150, json["train_rows"]!.GetValue<int>() + json["test_rows"]!.GetValue<int>());
        Assert.AreEqual(5, json["cross_validation"]!["folds"]!.GetValue<int>());
        Assert.IsEmpty(dir.FilesUnder("out").Where(f => f.EndsWith(".tmp", StringComparison.Ordinal)).ToList(), "a temp file was left next to the bundle");
    }

    [TestMethod]
    [DataRow("iris-maximum-entropy.yaml", "micro_accuracy")]
    [DataRow("iris-one-versus-all.yaml", "micro_accuracy")]
    [DataRow("breast-cancer-logistic.yaml", "auc")]
    [DataRow("breast-cancer-fasttree.yaml", "auc")]
    [DataRow("diabetes-ols.yaml", "r_squared")]
    [DataRow("diabetes-sdca.yaml", "r_squared")]
    [DataRow("seed-regression-ols.yaml", "r_squared")]
    public void Every_small_example_trains_as_shipped(string example, string metric)
    {
        using var dir = new TempDir();
        var (model, json) = Dlp.Train(dir, example);

        Assert.IsTrue(json["metrics"]!.AsObject().ContainsKey(metric), $"{example}: no {metric} in {json["metrics"]!.ToJsonString()}");
        Assert.IsGreaterThan(0L, new FileInfo(model).Length);
    }

    [TestMethod]
    public void Train_without_output_writes_models_name_zip_in_the_working_folder()
    {
        using var dir = new TempDir();

        Dlp.Succeed(dir, "train", Path.Combine(RepoPaths.Examples, "seed-regression-ols.yaml"));

        Assert.IsTrue(File.Exists(dir.Path("models", "seed-regression.zip")), string.Join(", ", dir.FilesUnder(".")));
    }

    [TestMethod]
    public void Same_seed_twice_gives_identical_metrics()
    {
        using var dir = new TempDir();
        var first = Dlp.Train(dir, "iris-maximum-entropy.yaml", dir.Path("a.zip")).Json;
        var second = Dlp.Train(dir, "iris-maximum-entropy.yaml", dir.Path("b.zip")).Json;

        Assert.AreEqual(Results(first), Results(second));
    }

    [TestMethod]
    public void Seed_option_changes_the_result_deterministically()
    {
        using var dir = new TempDir();
        var seed1 = Dlp.Train(dir, "iris-maximum-entropy.yaml", dir.Path("s1.zip"), "--seed", "1");
        var seed1Again = Dlp.Train(dir, "iris-maximum-entropy.yaml", dir.Path("s1b.zip"), "--seed", "1");
        var seed2 = Dlp.Train(dir, "iris-maximum-entropy.yaml", dir.Path("s2.zip"), "--seed", "2");

        Assert.AreEqual(Results(seed1.Json), Results(seed1Again.Json));
        // Another seed holds out other rows, so the test metrics (log-loss at least) differ.
        Assert.AreNotEqual(Results(seed1.Json), Results(seed2.Json));
        Assert.AreEqual(1, Dlp.Inspect(dir, seed1.Model)["provenance"]!["seed"]!.GetValue<int>());
        Assert.AreEqual(2, Dlp.Inspect(dir, seed2.Model)["provenance"]!["seed"]!.GetValue<int>());
    }

    [TestMethod]
    public void Set_option_changes_the_result_deterministically()
    {
        using var dir = new TempDir();
        var baseline = Dlp.Train(dir, "iris-maximum-entropy.yaml", dir.Path("base.zip"));
        var strong = Dlp.Train(dir, "iris-maximum-entropy.yaml", dir.Path("l2.zip"), "--set", "trainer.l2=5");
        var strongAgain = Dlp.Train(dir, "iris-maximum-entropy.yaml", dir.Path("l2b.zip"), "--set", "trainer.l2=5");
        var wider = Dlp.Train(dir, "iris-maximum-entropy.yaml", dir.Path("split.zip"), "--set", "data.split.test_fraction=0.4");

        Assert.AreEqual(Results(strong.Json), Results(strongAgain.Json));
        Assert.AreNotEqual(Results(baseline.Json), Results(strong.Json));
        Assert.AreEqual(5.0, Dlp.Inspect(dir, strong.Model)["provenance"]!["spec"]!["trainer"]!["l2"]!.GetValue<double>());
        // Stratified 40% of 3 classes × 50 rows.
        Assert.AreEqual(60, wider.Json["test_rows"]!.GetValue<int>());
        Assert.AreEqual(90, wider.Json["train_rows"]!.GetValue<int>());
    }

    /// <summary>Everything a run measured, without the timing (which differs between identical runs).</summary>
    private static string Results(JsonObject train) =>
        new JsonObject
        {
            ["metrics"] = train["metrics"]?.DeepClone(),
            ["evaluation"] = train["evaluation"]?.DeepClone(),
            ["cross_validation"] = train["cross_validation"]?.DeepClone(),
            ["train_rows"] = train["train_rows"]?.DeepClone(),
            ["test_rows"] = train["test_rows"]?.DeepClone(),
        }.ToJsonString();
}
