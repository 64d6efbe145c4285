using DeepLearning.Host.Tests.Support;

namespace DeepLearning.Host.Tests;

/// <summary>examples/Embedding predicts in-process with PipelineModel; it must agree with <c>dlp predict</c> row for row,
/// or a service and the batch job would give one customer two answers.</summary>
[TestClass, TestCategory("e2e")]
public sealed class EmbeddingTests
{
    [TestMethod]
    [DataRow("iris-maximum-entropy.yaml", "iris", "iris.csv", "predicted_label", 150)]           // typed: Predict<IrisFlower>
    [DataRow("breast-cancer-logistic.yaml", "breast_cancer", "breast_cancer.csv", "predicted_label", 569)] // dictionary, binary
    [DataRow("diabetes-ols.yaml", "diabetes", "diabetes.csv", "prediction", 442)]                 // dictionary, regression
    public void Embedding_example_predicts_what_dlp_predict_does(string example, string folder, string file, string column, int rows)
    {
        using var dir = new TempDir();
        var (model, _) = Dlp.Train(dir, example);
        var data = RepoPaths.Dataset(folder, file);
        var output = dir.Path("predictions.csv");
        Dlp.Succeed(dir, "predict", model, "--data", data, "--output", output);

        var embedded = DlpProcess.RunDll(RepoPaths.EmbeddingDll, [model, data], dir.FullName);

        Assert.AreEqual(0, embedded.ExitCode, embedded.ToString());
        var lines = embedded.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        var expected = Csv.Read(output).Column(column).ToList();
        Assert.HasCount(rows, expected);
        CollectionAssert.AreEqual(expected, lines, embedded.ToString());
    }

    [TestMethod]
    public void Embedding_example_reports_a_bad_model_without_a_stack_trace()
    {
        using var dir = new TempDir();
        var model = dir.Write("model.zip", "not a bundle");

        var result = DlpProcess.RunDll(RepoPaths.EmbeddingDll, [model, Dlp.IrisCsv], dir.FullName);

        Assert.AreEqual(4, result.ExitCode, result.ToString());
        Assert.Contains("model.zip", result.StdErr, result.ToString());
        Dlp.AssertNoStackTrace(result);
    }
}
