using DeepLearning.Pipelines.Spec;
using DeepLearning.Pipelines.Trainers;
using static DeepLearning.Pipelines.Tests.Spec.SpecText;

namespace DeepLearning.Pipelines.Tests.Spec;

/// <summary>The trainer must exist and must do the spec's task.</summary>
[TestClass]
public sealed class TrainerChoiceTests
{
    [TestMethod]
    public void UnknownTrainerListsEveryTrainer()
    {
        var e = Fails(Minimal.Replace("name: ols", "name: xgboost"));

        var error = ErrorAt(e, "trainer.name");
        Assert.AreEqual($"unknown trainer 'xgboost'; allowed: {string.Join(", ", TrainerCatalog.Default.Names)}", error.Message);
        Assert.AreEqual(new SourceLocation(FilePath, 7, 9), error.Location);
    }

    [TestMethod]
    public void MisspelledTrainerGetsASuggestion()
    {
        var e = Fails(Minimal.Replace("name: ols", "name: fastree"));

        Assert.Contains("unknown trainer 'fastree' (did you mean 'fasttree'?)", ErrorAt(e, "trainer.name").Message);
    }

    [TestMethod]
    public void RegressionTrainerForABinaryTask()
    {
        var e = Fails(Minimal.Replace("task: regression", "task: binary"));

        var error = ErrorAt(e, "trainer.name");
        Assert.AreEqual($"received 'ols', which does not do binary (it does: regression); allowed for binary: {string.Join(", ", TrainerCatalog.Default.NamesFor(MlTask.Binary))}", error.Message);
        Assert.Contains("logistic", error.Message);
        Assert.AreEqual(7, error.Location!.Line);
    }

    [TestMethod]
    public void OneVersusAllOverANonBinaryTrainer()
    {
        var e = Fails(Minimal.Replace("task: regression", "task: multiclass").Replace("name: ols", "name: one_versus_all\n  binary: { name: sdca }"));

        var error = ErrorAt(e, "trainer.binary.name");
        Assert.Contains("received 'sdca', which is not a binary trainer; allowed: ", error.Message);
        Assert.Contains("averaged_perceptron", error.Message);
    }

    [TestMethod]
    public void TrainerGivenAsAPlainNameIsNotAMap()
    {
        var e = Fails(Minimal.Replace("trainer:\n  name: ols", "trainer: ols"));

        var error = ErrorAt(e, "trainer");
        Assert.Contains("expected a map with a `name` key naming the trainer, received 'ols'", error.Message);
    }
}
