using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Running;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Tests.Running;

/// <summary>Clustering, reduction and anomaly examples reach their peers' figures (scikit-learn in the comments),
/// and bad input is a clear error.</summary>
[TestClass]
public sealed class UnsupervisedReferenceTests
{
    private static TrainResult Train(string example, params string[] overrides) => Examples.Train(example, overrides);

    [TestMethod]
    public void IrisKMeansAgreesWithTheSpecies()
    {
        // scikit-learn KMeans on the raw features: ARI 0.730.
        var metrics = Train("iris-kmeans.yaml").Manifest.Metrics.Metrics;
        Assert.IsGreaterThanOrEqualTo(0.70, metrics["adjusted_rand_index"]);
        Assert.IsGreaterThan(0.0, metrics["normalized_mutual_information"]);
        Assert.IsGreaterThan(0.0, metrics["davies_bouldin_index"]);
    }

    [TestMethod]
    [DataRow("iris-pca.yaml", 0.97)]      // scikit-learn PCA(2): 0.9777
    [DataRow("digits-pca.yaml", 0.73)]    // scikit-learn PCA(10): 0.738
    public void PcaExplainsTheVariance(string example, double floor)
    {
        var result = Train(example);
        var metrics = result.Manifest.Metrics.Metrics;
        Assert.IsGreaterThanOrEqualTo(floor, metrics["explained_variance_ratio"]);
        var parts = metrics.Where(m => m.Key.StartsWith("explained_variance_ratio_pc", StringComparison.Ordinal)).Sum(m => m.Value);
        Assert.AreEqual(metrics["explained_variance_ratio"], parts, 1e-9, "the total is the sum of the components");
        Assert.AreEqual(result.Manifest.OutputSize, metrics.Keys.Count(k => k.StartsWith("explained_variance_ratio_pc", StringComparison.Ordinal)));
        Assert.IsGreaterThan(0.0, metrics["reconstruction_mse"], "what the components leave out, per feature value");
    }

    [TestMethod]
    public void ShuttleAnomaliesAreFound()
    {
        // Trained on class 1 of the UCI training rows, scored on the UCI test rows (14,500).
        var result = Train("shuttle-randomized-pca.yaml");
        Assert.AreEqual(14500, result.Manifest.Provenance.TestRows);
        var metrics = result.Manifest.Metrics.Metrics;
        Assert.IsGreaterThanOrEqualTo(0.95, metrics["auc"]);
        Assert.IsLessThan(0.03, metrics["false_positive_rate"], "the threshold was chosen for 1 % false positives");
    }

    [TestMethod]
    public void WsnAnomaliesAreFound() =>
        Assert.IsGreaterThanOrEqualTo(0.85, Train("wsn-randomized-pca.yaml").Manifest.Metrics.Metrics["auc"]);

    [TestMethod]
    public void AnomalyPredictionsFlagAboveTheThreshold()
    {
        var result = Train("wsn-randomized-pca.yaml");
        var threshold = result.Manifest.Threshold!.Value;
        var quiet = result.Model.Predict(new Dictionary<string, object?> { ["mote_id"] = 1, ["indoor"] = 1, ["humidity"] = 45.9, ["temperature"] = 27.9 });
        var kettle = result.Model.Predict(new Dictionary<string, object?> { ["mote_id"] = 1, ["indoor"] = 1, ["humidity"] = 95.0, ["temperature"] = 80.0 });
        Assert.IsFalse(quiet.IsAnomaly!.Value);
        Assert.IsTrue(kettle.IsAnomaly!.Value);
        Assert.IsGreaterThan(threshold, (double)kettle.Score!.Value);
    }

    [TestMethod]
    public void KLargerThanTheRowsIsASpecError()
    {
        var error = Assert.ThrowsExactly<SpecException>(() => Train("iris-kmeans.yaml", "trainer.k=500"));
        StringAssert.Contains(error.Message, "trainer.k");
        StringAssert.Contains(error.Message, "received 500");
    }

    [TestMethod]
    public void RankAsLargeAsTheFeaturesIsASpecError()
    {
        var error = Assert.ThrowsExactly<SpecException>(() => Train("iris-pca.yaml", "trainer.rank=9"));
        StringAssert.Contains(error.Message, "trainer.rank");
        StringAssert.Contains(error.Message, "4 feature value(s)");
    }

    [TestMethod]
    public void ASplitFilterThatSelectsNoRowsIsADataError()
    {
        var error = Assert.ThrowsExactly<DataException>(() => Train("shuttle-randomized-pca.yaml", "data.split.test_values=[holdout]"));
        StringAssert.Contains(error.Message, "'split'");
        StringAssert.Contains(error.Message, "no test rows");
        StringAssert.Contains(error.Message, "values seen: train, test");
    }

    [TestMethod]
    public void NormalValuesThatMatchNoRowIsADataError()
    {
        var error = Assert.ThrowsExactly<DataException>(() => Train("wsn-randomized-pca.yaml", "anomaly.normal_values=[normal]"));
        StringAssert.Contains(error.Message, "anomaly.normal_values");
    }

    [TestMethod]
    public void NonNumericFeaturesNeedAnExplicitTransform()
    {
        var error = Assert.ThrowsExactly<SpecException>(() => Train("iris-kmeans.yaml", "label=null", "data.columns.label=numeric"));
        StringAssert.Contains(error.Message, "'species' is categorical");
        StringAssert.Contains(error.Message, "one_hot");
    }
}
