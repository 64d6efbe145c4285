using DeepLearning.Host.Tests.Support;

namespace DeepLearning.Host.Tests;

/// <summary><c>dlp validate</c>: checks a spec and its data without training.</summary>
[TestClass, TestCategory("e2e")]
public sealed class ValidateCommandTests
{
    [TestMethod]
    [DataRow("iris-maximum-entropy.yaml")]
    [DataRow("iris-one-versus-all.yaml")]
    [DataRow("breast-cancer-logistic.yaml")]
    [DataRow("breast-cancer-fasttree.yaml")]
    [DataRow("diabetes-ols.yaml")]
    [DataRow("diabetes-sdca.yaml")]
    [DataRow("seed-regression-ols.yaml")]
    public void Validate_accepts_every_shipped_example(string example)
    {
        using var dir = new TempDir();

        var result = Dlp.Succeed(dir, "validate", Path.Combine(RepoPaths.Examples, example));

        Assert.Contains("valid", result.StdOut, result.ToString());
        Assert.IsEmpty(dir.FilesUnder("."), "validate wrote files");
    }

    [TestMethod]
    public void Validate_json_reports_rows_classes_and_features()
    {
        using var dir = new TempDir();

        var json = Dlp.ParseObject(Dlp.Succeed(dir, "validate", Path.Combine(RepoPaths.Examples, "iris-maximum-entropy.yaml"), "--json").StdOut);

        Assert.IsTrue(json["valid"]!.GetValue<bool>());
        Assert.AreEqual(150, json["rows"]!.GetValue<int>());
        CollectionAssert.AreEqual(new[] { "setosa", "versicolor", "virginica" }, json["classes"]!.AsArray().Select(c => c!.GetValue<string>()).ToArray());
        Assert.HasCount(4, json["features"]!.AsArray());
    }

    [TestMethod]
    public void Validate_rejects_a_bad_spec_with_exit_2_and_the_key_path()
    {
        using var dir = new TempDir();
        var spec = dir.CopyExample("diabetes-ols.yaml", ("task: regression", "task: regresion"));

        var result = Dlp.Run(dir, "validate", spec);

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        Assert.Contains("diabetes-ols.yaml:", result.StdErr, result.ToString());
        Assert.Contains("task", result.StdErr, result.ToString());
        Assert.Contains("regression", result.StdErr, "the message does not say what is allowed");
        Dlp.AssertNoStackTrace(result);
    }

    [TestMethod]
    public void Validate_reports_every_spec_error_at_once()
    {
        using var dir = new TempDir();
        var spec = dir.CopyExample("diabetes-ols.yaml", ("name: ols", "name: ols\n  l2: -1\n  colour: red"), ("seed: 42", "seed: 42\nextra_key: 1"));

        var result = Dlp.Run(dir, "validate", spec);

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        Assert.Contains("trainer.l2", result.StdErr, result.ToString());
        Assert.Contains("trainer.colour", result.StdErr, result.ToString());
        Assert.Contains("extra_key", result.StdErr, result.ToString());
    }

    [TestMethod]
    public void Validate_rejects_bad_data_with_exit_3()
    {
        using var dir = new TempDir();
        dir.Write("seed.csv", "x,y\n1,2\n3,four\n5,6\n");
        var spec = dir.CopyExample("seed-regression-ols.yaml", ("../datasets/seed_regression/seed_regression.csv", "seed.csv"));

        var result = Dlp.Run(dir, "validate", spec);

        Assert.AreEqual(3, result.ExitCode, result.ToString());
        Assert.Contains("seed.csv:3", result.StdErr, result.ToString());
    }
}
