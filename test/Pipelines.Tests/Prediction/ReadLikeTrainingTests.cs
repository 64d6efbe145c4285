using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Prediction;
using DeepLearning.Pipelines.Running;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Tests.Prediction;

/// <summary>A saved model reads new files the way its training file was read.</summary>
[TestClass]
public sealed class ReadLikeTrainingTests
{
    [TestMethod]
    public void SemicolonFilesWithCustomMissingTokensPredictAfterLoad()
    {
        using var dir = new TempDir();
        var csv = dir.File("points.csv");
        File.WriteAllLines(csv, new[] { "x;y" }.Concat(Enumerable.Range(0, 40).Select(i => $"{i};{2 * i + 1}")).Append("-;40"));
        File.WriteAllText(dir.File("spec.yaml"), """
            name: semicolons
            task: regression
            data:
              train: points.csv
              test: points.csv
              separator: ";"
              missing: { values: ["-"] }
            label: y
            trainer: { name: ols }
            """);
        var model = dir.File("model.zip");
        new PipelineTrainer().Train(SpecLoader.Load(dir.File("spec.yaml")), model);

        var loaded = PipelineModel.Load(model);
        var table = TableLoader.Load(csv, loaded.ReadOptionsFor(withLabel: false));
        Assert.AreEqual(41, table.RowCount, "';' separates fields and '-' is a gap, as in training");
        // The gap is filled with the training mean of x (19.5), where y = 40 lies on the line: the fit stays exact.
        var predictions = loaded.Predict(table);
        Assert.AreEqual(21f, predictions[10].Value!.Value, 1e-3f);
        Assert.IsTrue(float.IsNaN(table.Find("x")!.Numbers![40]));
    }
}
