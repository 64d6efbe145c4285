using DeepLearning.Pipelines.Running;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Tests.Neural;

/// <summary>The manifest of a neural model carries its loss per epoch and why training stopped.</summary>
[TestClass]
public sealed class TrainingHistoryManifestTests
{
    private static TrainResult Train(params string[] overrides) =>
        new PipelineTrainer().Train(SpecLoader.Load(Repo.Example("iris-mlp.yaml"), ["evaluate.cross_validation=0", .. overrides]), outputPath: null);

    [TestMethod]
    public void CompletedRunListsEveryEpochWithFallingLoss()
    {
        var history = Train("trainer.epochs=12", "trainer.validation_fraction=0.2").Manifest.TrainingHistory!;
        CollectionAssert.AreEqual(Enumerable.Range(1, 12).ToArray(), history.Epochs.ToArray());
        Assert.HasCount(12, history.TrainLoss);
        Assert.HasCount(12, history.ValidationLoss);
        Assert.AreEqual("completed", history.Stopped);
        Assert.IsLessThan(history.TrainLoss[0], history.TrainLoss[^1], "Adam on iris lowers the training loss");
        Assert.IsTrue(history.BestEpoch is >= 1 and <= 12, $"best epoch {history.BestEpoch}");
    }

    [TestMethod]
    public void ClassificationKeepsAccuracyPerEpochForTrainingAndValidation()
    {
        var history = Train("trainer.epochs=40", "trainer.validation_fraction=0.2").Manifest.TrainingHistory!;
        Assert.HasCount(40, history.TrainAccuracy!);
        Assert.HasCount(40, history.ValidationAccuracy!);
        Assert.IsTrue(history.TrainAccuracy!.Concat(history.ValidationAccuracy!).All(a => a is >= 0 and <= 1));
        Assert.IsGreaterThan(history.TrainAccuracy![0], history.TrainAccuracy![^1], "training improves the running accuracy");
        Assert.IsGreaterThanOrEqualTo(0.8, history.ValidationAccuracy![^1]);
    }

    [TestMethod]
    public void RecordsStepsAndTrainingSpeed()
    {
        var result = Train("trainer.epochs=7", "trainer.batch_size=16");
        var history = result.Manifest.TrainingHistory!;
        // No validation hold-out: every training row is in one of ceil(rows / 16) batches per epoch.
        long perEpoch = (result.Manifest.Provenance.TrainRows + 15) / 16;
        Assert.AreEqual(7 * perEpoch, history.Steps);
        Assert.IsGreaterThan(0.0, history.TrainSeconds!.Value);
        Assert.AreEqual(history.Steps!.Value / history.TrainSeconds.Value, history.StepsPerSecond!.Value, 1e-9 * history.StepsPerSecond.Value);
    }

    [TestMethod]
    public void EarlyStoppingNamesTheEpoch()
    {
        // A learning rate this high makes the validation loss stop improving quickly; patience 1 stops at the first
        // epoch without improvement.
        var history = Train("trainer.epochs=200", "trainer.validation_fraction=0.3", "trainer.early_stopping={patience: 1}").Manifest.TrainingHistory!;
        Assert.IsLessThan(200, history.Epochs.Count);
        Assert.AreEqual($"early_stopping at epoch {history.Epochs.Count}", history.Stopped);
        Assert.AreEqual(history.Epochs.Count - 1, history.BestEpoch);
    }

    [TestMethod]
    public void MlNetTrainersHaveNoHistory()
    {
        var result = new PipelineTrainer().Train(SpecLoader.Load(Repo.Example("iris-maximum-entropy.yaml"), ["evaluate.cross_validation=0"]), outputPath: null);
        Assert.IsNull(result.Manifest.TrainingHistory);
    }
}
