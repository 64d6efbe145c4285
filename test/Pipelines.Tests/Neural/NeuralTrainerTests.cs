using System.Globalization;
using System.Text.Json;
using DeepLearning.Pipelines.Bundle;
using DeepLearning.Pipelines.Running;
using DeepLearning.Pipelines.Spec;
using DeepLearning.Trainers.Training;

namespace DeepLearning.Pipelines.Tests.Neural;

/// <summary>The neural examples reach their peers' metrics; seeds reproduce; divergence is reported.</summary>
[TestClass]
public sealed class NeuralTrainerTests
{
    private static TrainResult Train(string example, params string[] overrides) => Examples.Train(example, overrides);

    [TestMethod]
    public void SeedRegressionLinearGdConvergesToTheClosedFormLine()
    {
        var csv = Repo.Dataset("seed_regression/seed_regression.csv");
        var (w, b) = Examples.SeedRegressionLine();

        var result = Train("seed-regression-linear-gd.yaml", $"data.test={csv}");
        Assert.AreEqual(12, result.Manifest.Provenance.TrainRows);
        var at0 = result.Model.Predict(new Dictionary<string, object?> { ["x"] = 0.0 }).Value!.Value;
        var at1 = result.Model.Predict(new Dictionary<string, object?> { ["x"] = 1.0 }).Value!.Value;
        Assert.AreEqual(b, at0, 1e-3, "intercept b");
        Assert.AreEqual(w, at1 - at0, 1e-3, "slope W");
    }

    [TestMethod]
    public void TooLargeALearningRateDivergesWithEpochAndRate()
    {
        var error = Assert.ThrowsExactly<TrainingDivergedException>(() =>
            Train("seed-regression-linear-gd.yaml", "trainer.learning_rate=10"));
        Assert.AreEqual(10, error.LearningRate);
        StringAssert.Contains(error.Message, $"training diverged at epoch {error.Epoch} with learning rate 10");
    }

    [TestMethod]
    public void BreastCancerMlpCrossValidatedAuc()
    {
        var result = Train("breast-cancer-mlp.yaml");
        Assert.IsGreaterThanOrEqualTo(0.98, result.Manifest.CrossValidation!.Metrics["auc"].Mean);
    }

    [TestMethod]
    public void IrisMlpCrossValidatedAccuracy()
    {
        var result = Train("iris-mlp.yaml");
        Assert.IsGreaterThanOrEqualTo(0.93, result.Manifest.CrossValidation!.Metrics["micro_accuracy"].Mean);
    }

    [TestMethod]
    public void DigitsMlpAccuracy()
    {
        var result = Train("digits-mlp.yaml");
        Assert.IsGreaterThanOrEqualTo(0.95, result.Manifest.Metrics.Metrics["micro_accuracy"]);
    }

    [TestMethod]
    public void SameSeedGivesIdenticalMetrics()
    {
        string Metrics(TrainResult r) => JsonSerializer.Serialize(new { r.Manifest.Metrics, r.Manifest.CrossValidation }, BundleJson.Options);
        var first = Metrics(Train("iris-mlp.yaml", "evaluate.cross_validation=2", "trainer.epochs=20"));
        var second = Metrics(Train("iris-mlp.yaml", "evaluate.cross_validation=2", "trainer.epochs=20"));
        Assert.AreEqual(first, second);
        var reseeded = Metrics(Train("iris-mlp.yaml", "evaluate.cross_validation=2", "trainer.epochs=20", "seed=7"));
        Assert.AreNotEqual(first, reseeded);
    }
}
