using DeepLearning.Pipelines.Running;

namespace DeepLearning.Pipelines.Tests.Running;

/// <summary>The learning-rate experiment: too small is slow, a good one converges, too large diverges.</summary>
[TestClass]
public sealed class SweepRunnerTests
{
    [TestMethod]
    public void ValuesSplitAtTopLevelCommasOnly() =>
        CollectionAssert.AreEqual(new[] { "0.1", "[a, b]", "{ x: 1, y: 2 }", "'p,q'" },
            SweepRunner.SplitValues("0.1,[a, b],{ x: 1, y: 2 },'p,q'").ToArray());

    [TestMethod]
    public void SeveralKeysMakeAGrid()
    {
        var grid = SweepRunner.Grid([("a", ["1", "2"]), ("b", ["x", "y", "z"])]);
        Assert.HasCount(6, grid);
        Assert.AreEqual("2", grid[5]["a"]);
        Assert.AreEqual("z", grid[5]["b"]);
    }

    [TestMethod]
    public void LearningRatesFromTooSmallToTooLarge()
    {
        var result = SweepRunner.Run(Repo.Example("seed-regression-linear-gd.yaml"), ["trainer.epochs=60"],
            [("trainer.learning_rate", ["0.0001", "0.01", "0.5", "2.5", "10"])], metric: null, parallel: 2);
        var byRate = result.Runs.ToDictionary(r => r.Settings["trainer.learning_rate"]);
        Assert.AreEqual("diverged", byRate["2.5"].Status);
        Assert.AreEqual("diverged", byRate["10"].Status);
        Assert.IsGreaterThan(0, byRate["10"].DivergedAtEpoch!.Value);
        StringAssert.Contains(byRate["10"].Message, "learning rate 10");
        Assert.AreEqual("0.5", result.Runs[result.Best!.Value].Settings["trainer.learning_rate"], "the largest rate that converges wins in 60 steps");
        // Too small: after 60 steps the cost has barely moved; the good rate has settled far lower.
        var slow = byRate["0.0001"].TrainLoss!;
        var good = byRate["0.5"].TrainLoss!;
        Assert.IsLessThan(0.01, (slow[0] - slow[^1]) / slow[0]);
        Assert.IsLessThan(slow[^1] * 0.9, good[^1]);
    }

    [TestMethod]
    public void TheCoursesFigureOnRawValues()
    {
        // 1e-4 … 1 on the raw table: the small rates converge (slowly), the large ones blow up.
        var result = SweepRunner.Run(Repo.Example("seed-regression-learning-rates.yaml"), [],
            [("trainer.learning_rate", ["0.0001", "0.001", "0.01", "0.1", "1"])], metric: null, parallel: 1);
        CollectionAssert.AreEqual(new[] { "ok", "ok", "ok", "diverged", "diverged" }, result.Runs.Select(r => r.Status).ToArray());
        Assert.AreEqual("0.01", result.Runs[result.Best!.Value].Settings["trainer.learning_rate"]);
        var losses = result.Runs.Take(3).Select(r => r.TrainLoss![^1]).ToArray();
        Assert.IsTrue(losses[0] > losses[1] && losses[1] > losses[2], "a larger (stable) rate gets further in 200 steps");
    }

    [TestMethod]
    public void EveryRunDivergingHasNoBest()
    {
        var result = SweepRunner.Run(Repo.Example("seed-regression-linear-gd.yaml"), [],
            [("trainer.learning_rate", ["5", "10"])], metric: null, parallel: 1);
        Assert.IsNull(result.Best);
        Assert.IsTrue(result.Runs.All(r => r.Status == "diverged"));
    }

    [TestMethod]
    public void ABadValueFailsBeforeAnyTraining()
    {
        var error = Assert.ThrowsExactly<DeepLearning.Pipelines.Spec.SpecException>(() => SweepRunner.Run(Repo.Example("seed-regression-linear-gd.yaml"), [],
            [("trainer.learning_rate", ["0.1", "-1"])], metric: null, parallel: 1));
        StringAssert.Contains(error.Message, "trainer.learning_rate");
    }
}
