using DeepLearning.Pipelines.Spec;
using DeepLearning.Pipelines.Trainers;
using DeepLearning.Pipelines.Transforms;
using static DeepLearning.Pipelines.Tests.Spec.SpecText;

namespace DeepLearning.Pipelines.Tests.Spec;

/// <summary><c>--set key.path=value</c> changes the spec before binding and is checked exactly like the file.</summary>
[TestClass]
public sealed class SpecOverridesTests
{
    private const string WithTransform = Minimal + "\ntransforms:\n  - normalize: { method: mean_variance }";

    [TestMethod]
    public void OverrideChangesAValue()
    {
        var spec = Parse(Minimal, "seed=7", "trainer.l2=0.5").Spec;

        Assert.AreEqual(7, spec.Seed);
        Assert.AreEqual(0.5, ((OlsOptions)spec.Trainer.Options).L2);
    }

    [TestMethod]
    public void OverrideCreatesMissingSections()
    {
        var spec = Parse(Minimal, "data.split.test_fraction=0.3").Spec;

        Assert.AreEqual(0.3, spec.Data.Split.TestFraction);
        Assert.AreEqual("data.csv", spec.Data.Train);
    }

    [TestMethod]
    public void LaterOverrideWins()
    {
        Assert.AreEqual(3, Parse(Minimal, "seed=1", "seed=3").Spec.Seed);
    }

    [TestMethod]
    public void OverrideReachesIntoAListByIndex()
    {
        var spec = Parse(WithTransform, "transforms.0.normalize.method=min_max").Spec;

        Assert.AreEqual(NormalizeMethod.MinMax, ((NormalizeOptions)spec.Transforms[0].Options).Method);
    }

    [TestMethod]
    public void OverrideTakesAFlowList()
    {
        var spec = Parse(Minimal, "features=[x1, x2]").Spec;

        CollectionAssert.AreEqual(new[] { "x1", "x2" }, spec.Features!.ToArray());
    }

    [TestMethod]
    public void OverrideCanSwitchTheTrainer()
    {
        var spec = Parse(Minimal, "trainer={ name: fasttree, trees: 5 }", "task=binary").Spec;

        Assert.AreEqual("fasttree", spec.Trainer.Name);
        Assert.AreEqual(5, ((FastTreeOptions)spec.Trainer.Options).Trees);
    }

    [TestMethod]
    public void OverrideOfTheWrongTypeIsRejectedLikeTheFile()
    {
        var e = Fails(Minimal, "seed=abc");

        var error = ErrorAt(e, "seed");
        Assert.AreEqual("received 'abc'; allowed: an integer", error.Message);
        Assert.AreEqual(new SourceLocation("--set seed=abc", 0, 0), error.Location);
        MessageHas(e, "--set seed=abc: seed: received 'abc'");
    }

    [TestMethod]
    public void OverrideOutOfRangeIsRejectedLikeTheFile()
    {
        var e = Fails(Minimal, "data.split.test_fraction=1.5");

        Assert.AreEqual("received 1.5; allowed: a number > 0 and ≤ 0.9", ErrorAt(e, "data.split.test_fraction").Message);
    }

    [TestMethod]
    public void OverrideOfAnUnknownKeyIsRejected()
    {
        var e = Fails(Minimal, "trainer.epochs=10");

        var error = ErrorAt(e, "trainer.epochs");
        Assert.Contains("unknown key 'epochs'", error.Message);
        Assert.AreEqual("--set trainer.epochs=10", error.Location!.Source);
    }

    [TestMethod]
    public void OverrideThatBreaksACrossKeyRuleIsRejected()
    {
        var e = Fails(Minimal, "task=binary");

        Assert.Contains("received 'ols', which does not do binary", ErrorAt(e, "trainer.name").Message);
    }

    [TestMethod]
    public void OverrideWithoutEqualsSign()
    {
        var e = Fails(Minimal, "trainer.l2");

        var error = e.Errors.Single();
        Assert.AreEqual("expected key.path=value, e.g. trainer.epochs=50", error.Message);
        Assert.AreEqual("--set trainer.l2", error.Location!.Source);
    }

    [TestMethod]
    public void OverrideWithoutKey()
    {
        var e = Fails(Minimal, "=5");

        Assert.AreEqual("expected key.path=value, e.g. trainer.epochs=50", e.Errors.Single().Message);
    }

    [TestMethod]
    public void OverrideWithAnEmptyPathSegment()
    {
        var e = Fails(Minimal, "trainer..l2=1");

        var error = e.Errors.Single();
        Assert.AreEqual("trainer..l2", error.Path);
        Assert.AreEqual("a key path has an empty segment", error.Message);
    }

    [TestMethod]
    public void OverrideIndexOutOfRange()
    {
        var e = Fails(WithTransform, "transforms.3.normalize.method=min_max");

        var error = e.Errors.Single();
        Assert.AreEqual("transforms.3", error.Path);
        Assert.AreEqual("index 3 is out of range; the list has 1 item(s)", error.Message);
        Assert.AreEqual("--set transforms.3.normalize.method=min_max", error.Location!.Source);
    }

    [TestMethod]
    public void OverrideIntoAListWithoutAnIndex()
    {
        var e = Fails(WithTransform, "transforms.normalize.method=min_max");

        var error = e.Errors.Single();
        Assert.AreEqual("transforms.normalize", error.Path);
        Assert.AreEqual("cannot set 'normalize' inside a list (use an index)", error.Message);
    }

    [TestMethod]
    public void OverrideIntoAScalar()
    {
        var e = Fails(Minimal, "name.first=x");

        Assert.AreEqual("cannot set 'first' inside a scalar", ErrorAt(e, "name.first").Message);
    }

    [TestMethod]
    public void OverrideWithInvalidYamlValue()
    {
        var e = Fails(Minimal, "features=[a, b");

        var error = e.Errors.Single();
        Assert.AreEqual("--set features=[a, b", error.Location!.Source);
        Assert.Contains("the file is not valid YAML or JSON", error.Message);
    }
}
