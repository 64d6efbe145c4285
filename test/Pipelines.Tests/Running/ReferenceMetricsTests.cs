using System.Globalization;
using System.Text.Json;
using DeepLearning.Pipelines.Bundle;
using DeepLearning.Pipelines.Running;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Tests.Running;

/// <summary>The shipped examples reach the metrics their peers reach (scikit-learn figures in the comments).
/// Small sets are judged by the mean of 5-fold cross-validation: one 30-row split of iris moves by points.</summary>
[TestClass]
public sealed class ReferenceMetricsTests
{
    private static TrainResult Train(string example, params string[] overrides) => Examples.Train(example, overrides);

    [TestMethod]
    public void IrisMaximumEntropyCrossValidatedAccuracy()
    {
        var result = Train("iris-maximum-entropy.yaml");
        Assert.IsGreaterThanOrEqualTo(0.93, result.Manifest.CrossValidation!.Metrics["micro_accuracy"].Mean);
    }

    [TestMethod]
    public void BreastCancerLogisticCrossValidatedAuc()
    {
        var result = Train("breast-cancer-logistic.yaml");
        Assert.IsGreaterThanOrEqualTo(0.98, result.Manifest.CrossValidation!.Metrics["auc"].Mean);
    }

    [TestMethod]
    [DataRow("diabetes-ols.yaml")]   // scikit-learn LinearRegression: 0.489
    [DataRow("diabetes-sdca.yaml")]
    public void DiabetesLinearCrossValidatedRSquared(string example)
    {
        var result = Train(example);
        Assert.AreEqual(5, result.Manifest.CrossValidation!.Folds);
        Assert.IsGreaterThanOrEqualTo(0.45, result.Manifest.CrossValidation.Metrics["r_squared"].Mean);
    }

    [TestMethod]
    [TestCategory("slow")]
    public void SpamAssassinTextAccuracy()
    {
        // TF-IDF + logistic regression in scikit-learn: 0.981 on a stratified 20 % split.
        var result = Train("spam-sdca-logistic.json");
        Assert.AreEqual(1209, result.Manifest.Provenance.TestRows);
        Assert.IsGreaterThanOrEqualTo(0.95, result.Manifest.Metrics.Metrics["accuracy"]);
    }

    [TestMethod]
    public void SeedRegressionOlsIsTheClosedFormLine()
    {
        var csv = Repo.Dataset("seed_regression/seed_regression.csv");
        var (w, b) = Examples.SeedRegressionLine();

        // Fit on all 12 points (the test file is the same file), as the closed form does.
        var result = Train("seed-regression-ols.yaml", $"data.test={csv}");
        Assert.AreEqual(12, result.Manifest.Provenance.TrainRows);
        var at0 = result.Model.Predict(new Dictionary<string, object?> { ["x"] = 0.0 }).Value!.Value;
        var at1 = result.Model.Predict(new Dictionary<string, object?> { ["x"] = 1.0 }).Value!.Value;
        Assert.AreEqual(b, at0, 1e-4, "intercept b");
        Assert.AreEqual(w, at1 - at0, 1e-4, "slope W");
    }

    [TestMethod]
    public void SameSpecDataAndSeedGiveIdenticalMetrics()
    {
        string Metrics(TrainResult r) => JsonSerializer.Serialize(new { r.Manifest.Metrics, r.Manifest.CrossValidation }, BundleJson.Options);
        var first = Metrics(Train("breast-cancer-fasttree.yaml"));
        var second = Metrics(Train("breast-cancer-fasttree.yaml"));
        Assert.AreEqual(first, second);
        var reseeded = Metrics(Train("breast-cancer-fasttree.yaml", "seed=7"));
        Assert.AreNotEqual(first, reseeded, "a different seed splits differently");
    }
}
