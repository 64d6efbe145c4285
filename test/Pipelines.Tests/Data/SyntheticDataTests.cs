using System.Globalization;
using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Tests.Data;

/// <summary>The generator writes what its reported truth says, the same bytes under the same seed, and stops at a size.</summary>
[TestClass]
public sealed class SyntheticDataTests
{
    private static (SyntheticTruth Truth, double[][] X, string[] Y) Generate(MlTask task, int rows, int seed, double noise = 0.1)
    {
        using var stream = new MemoryStream();
        var truth = SyntheticData.Write(stream, new SyntheticOptions(task, 4, seed, rows, null, Classes: 3, Noise: noise));
        var lines = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.AreEqual("x1,x2,x3,x4,y", lines[0]);
        var cells = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        return (truth, cells.Select(c => c[..4].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray(), cells.Select(c => c[4]).ToArray());
    }

    // Summed in the generator's order, so a score near zero rounds the same way.
    private static double Score(SyntheticTruth truth, int k, double[] x)
    {
        double s = truth.Bias[k];
        for (int j = 0; j < x.Length; j++) s += truth.Weights[k][j] * x[j];
        return s;
    }

    [TestMethod]
    public void RegressionRowsAreTheReportedLinearRulePlusTheNoise()
    {
        var (truth, x, y) = Generate(MlTask.Regression, 5_000, seed: 1);
        var residuals = x.Select((row, i) => double.Parse(y[i], CultureInfo.InvariantCulture) - Score(truth, 0, row)).ToArray();
        double mean = residuals.Average();
        double std = Math.Sqrt(residuals.Sum(r => (r - mean) * (r - mean)) / residuals.Length);
        Assert.AreEqual(0, mean, 0.01);
        Assert.AreEqual(0.1, std, 0.005);
        Assert.AreEqual(5_000, truth.Rows);
    }

    [TestMethod]
    public void ClassLabelsFollowTheReportedScores()
    {
        var (binary, bx, by) = Generate(MlTask.Binary, 3_000, seed: 2, noise: 0);
        Assert.IsTrue(bx.Select((row, i) => (Score(binary, 0, row) > 0 ? "1" : "0") == by[i]).All(same => same), "noise 0: every binary label is the sign of the score");

        var (multi, mx, my) = Generate(MlTask.Multiclass, 3_000, seed: 3, noise: 0);
        Assert.HasCount(3, multi.Weights);
        for (int i = 0; i < mx.Length; i++)
        {
            var scores = Enumerable.Range(0, 3).Select(k => Score(multi, k, mx[i])).ToArray();
            Assert.AreEqual($"c{Array.IndexOf(scores, scores.Max())}", my[i], $"row {i + 1}");
        }
    }

    [TestMethod]
    public void SameSeedSameBytesOtherSeedOtherRule()
    {
        var a = Generate(MlTask.Regression, 200, seed: 5);
        var b = Generate(MlTask.Regression, 200, seed: 5);
        var c = Generate(MlTask.Regression, 200, seed: 6);
        CollectionAssert.AreEqual(a.Y, b.Y);
        CollectionAssert.AreEqual(a.Truth.Weights[0], b.Truth.Weights[0]);
        CollectionAssert.AreNotEqual(a.Truth.Weights[0], c.Truth.Weights[0]);
    }

    [TestMethod]
    [DataRow("512MB", 512_000_000L)]
    [DataRow("2GiB", 2L << 30)]
    [DataRow("1.5KB", 1_500L)]
    [DataRow("1000", 1_000L)]
    public void SizesParseInDecimalAndBinaryUnits(string text, long bytes) => Assert.AreEqual(bytes, SyntheticData.ParseSize(text));

    [TestMethod]
    public void BadOptionsAreErrorsThatSayWhatIsAllowed()
    {
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => SyntheticData.ParseSize("5 furlongs")).Message, "allowed");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => SyntheticData.Write(Stream.Null, new SyntheticOptions(MlTask.Clustering, 2, 1, 10, null))).Message, "allowed: regression, binary, multiclass");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => SyntheticData.Write(Stream.Null, new SyntheticOptions(MlTask.Regression, 2, 1, 10, 100))).Message, "not both");
    }
}
