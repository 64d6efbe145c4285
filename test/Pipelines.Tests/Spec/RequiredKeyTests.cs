using static DeepLearning.Pipelines.Tests.Spec.SpecText;

namespace DeepLearning.Pipelines.Tests.Spec;

/// <summary>Required keys that are missing are named with what they are for.</summary>
[TestClass]
public sealed class RequiredKeyTests
{
    [TestMethod]
    public void MissingName()
    {
        var e = Fails(Minimal.Replace("name: t\n", ""));

        var error = ErrorAt(e, "name");
        Assert.AreEqual("required key 'name' is missing (Name of the pipeline; it names the model.)", error.Message);
        Assert.AreEqual(FilePath, error.Location!.Source);
    }

    [TestMethod]
    public void MissingTrainFile()
    {
        var e = Fails(Minimal.Replace("  train: data.csv", "  test: test.csv"));

        Assert.Contains("required key 'train' is missing (Training data:", ErrorAt(e, "data.train").Message);
    }

    [TestMethod]
    public void MissingTrainer()
    {
        var e = Fails(Minimal.Replace("trainer:\n  name: ols", ""));

        Assert.Contains("required key 'trainer' is missing", ErrorAt(e, "trainer").Message);
    }

    [TestMethod]
    public void TrainerWithoutName()
    {
        var e = Fails(Minimal.Replace("  name: ols", "  l2: 1"));

        var error = ErrorAt(e, "trainer");
        Assert.Contains("expected a map with a `name` key naming the trainer, received a map", error.Message);
        // Every trainer, sorted (the catalog grows, so the list is not spelled out here).
        Assert.Contains("allowed names: " + string.Join(", ", DeepLearning.Pipelines.Trainers.TrainerCatalog.Default.Names), error.Message);
        Assert.Contains("averaged_perceptron, fastforest, fasttree", error.Message);
    }

    [TestMethod]
    public void EveryMissingRequiredKeyIsReported()
    {
        var e = Fails("label: y");

        CollectionAssert.AreEquivalent(new[] { "name", "task", "data", "trainer" }, e.Errors.Select(x => x.Path).ToArray());
    }

    [TestMethod]
    public void EmptyDocument()
    {
        var e = Fails("# nothing but a comment\n");

        Assert.AreEqual("the spec is empty", e.Errors.Single().Message);
        MessageHas(e, FilePath);
    }

    [TestMethod]
    public void MissingLabelForASupervisedTask()
    {
        var e = Fails(Minimal.Replace("label: y\n", ""));

        Assert.AreEqual("required for task regression: name the column to predict", ErrorAt(e, "label").Message);
    }

    [TestMethod]
    public void BlankName()
    {
        var e = Fails(Minimal.Replace("name: t", "name: '  '"));

        Assert.AreEqual("received an empty name", ErrorAt(e, "name").Message);
    }
}
