using static DeepLearning.Pipelines.Tests.Spec.SpecText;

namespace DeepLearning.Pipelines.Tests.Spec;

/// <summary>Numbers outside an option's declared range name the received value and the allowed range.</summary>
[TestClass]
public sealed class RangeTests
{
    [TestMethod]
    public void TestFractionAboveTheMaximum()
    {
        var e = Fails(Minimal.Replace("  train: data.csv", "  train: data.csv\n  split:\n    test_fraction: 1.5"));

        var error = ErrorAt(e, "data.split.test_fraction");
        Assert.AreEqual("received 1.5; allowed: a number > 0 and ≤ 0.9", error.Message);
        Assert.AreEqual(6, error.Location!.Line);
        MessageHas(e, $"{FilePath}:6:20: data.split.test_fraction: received 1.5");
    }

    [TestMethod]
    public void TestFractionOfZeroIsExcluded()
    {
        var e = Fails(Minimal.Replace("  train: data.csv", "  train: data.csv\n  split: { test_fraction: 0 }"));

        Assert.AreEqual("received 0; allowed: a number > 0 and ≤ 0.9", ErrorAt(e, "data.split.test_fraction").Message);
    }

    [TestMethod]
    public void NegativeL2()
    {
        var e = Fails(Minimal + "\n  l2: -0.5");

        Assert.AreEqual("received -0.5; allowed: a number ≥ 0", ErrorAt(e, "trainer.l2").Message);
    }

    [TestMethod]
    public void ZeroL2WhereTheMinimumIsExclusive()
    {
        var e = Fails(Minimal.Replace("name: ols", "name: sdca\n  l2: 0"));

        Assert.AreEqual("received 0; allowed: a number > 0", ErrorAt(e, "trainer.l2").Message);
    }

    [TestMethod]
    public void CrossValidationAboveFifty()
    {
        var e = Fails(Minimal + "\nevaluate: { cross_validation: 51 }");

        Assert.AreEqual("received 51; allowed: an integer ≥ 0 and ≤ 50", ErrorAt(e, "evaluate.cross_validation").Message);
    }

    [TestMethod]
    public void NonFiniteNumberIsNotANumber()
    {
        var e = Fails(Minimal + "\n  l2: .inf");

        Assert.AreEqual("received '.inf'; allowed: a number ≥ 0", ErrorAt(e, "trainer.l2").Message);
    }

    [TestMethod]
    public void TooFewItemsInAListWithAMinimum()
    {
        var e = Fails(Minimal + "\ntransforms:\n  - select: { columns: [] }");

        Assert.AreEqual("received 0 item(s); allowed: a list of at least 1", ErrorAt(e, "transforms[0].select.columns").Message);
    }

    [TestMethod]
    public void BoundaryValuesAreAccepted()
    {
        var spec = Parse(Minimal.Replace("  train: data.csv", "  train: data.csv\n  split: { test_fraction: 0.9 }") + "\n  l2: 0\nevaluate: { cross_validation: 50 }").Spec;

        Assert.AreEqual(0.9, spec.Data.Split.TestFraction);
        Assert.AreEqual(50, spec.Evaluate.CrossValidation);
    }
}
