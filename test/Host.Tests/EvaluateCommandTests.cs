using DeepLearning.Host.Tests.Support;

namespace DeepLearning.Host.Tests;

/// <summary><c>dlp evaluate</c>: a saved model measured again on labelled data, with the same metrics as training.</summary>
[TestClass, TestCategory("e2e")]
public sealed class EvaluateCommandTests
{
    [TestMethod]
    [DataRow("iris-maximum-entropy.yaml", "iris", "iris.csv", 150)]
    [DataRow("breast-cancer-logistic.yaml", "breast_cancer", "breast_cancer.csv", 569)]
    [DataRow("diabetes-ols.yaml", "diabetes", "diabetes.csv", 442)]
    public void Evaluate_on_the_training_file_gives_the_same_metric_keys(string example, string folder, string file, int rows)
    {
        using var dir = new TempDir();
        var (model, train) = Dlp.Train(dir, example);
        var data = RepoPaths.Dataset(folder, file);

        var evaluation = Dlp.ParseObject(Dlp.Succeed(dir, "evaluate", model, "--data", data, "--json").StdOut);

        CollectionAssert.AreEquivalent(
            train["metrics"]!.AsObject().Select(p => p.Key).ToList(),
            evaluation["metrics"]!.AsObject().Select(p => p.Key).ToList());
        Assert.AreEqual(rows, evaluation["evaluation"]!["rows"]!.GetValue<int>());
        Assert.IsTrue(evaluation["metrics"]!.AsObject().All(p => double.IsFinite(p.Value!.GetValue<double>())), evaluation["metrics"]!.ToJsonString());
    }

    [TestMethod]
    public void Evaluate_on_data_with_a_bad_number_exits_3_and_names_the_line()
    {
        using var dir = new TempDir();
        var (model, _) = Dlp.Train(dir, "iris-maximum-entropy.yaml");
        var lines = File.ReadAllLines(Dlp.IrisCsv);
        lines[4] = "5.0,3.6,x1.4,0.2,0,setosa";
        var data = dir.Write("bad.csv", string.Join('\n', lines) + "\n");

        var result = Dlp.Run(dir, "evaluate", model, "--data", data);

        Assert.AreEqual(3, result.ExitCode, result.ToString());
        Assert.Contains("bad.csv:5", result.StdErr, result.ToString());
        Assert.Contains("petal_length_cm", result.StdErr, result.ToString());
        Dlp.AssertNoStackTrace(result);
    }
}
