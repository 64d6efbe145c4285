using static DeepLearning.Pipelines.Tests.Spec.SpecText;

namespace DeepLearning.Pipelines.Tests.Spec;

/// <summary>Rules that span keys (SpecValidator): label, features, folds, separator.</summary>
[TestClass]
public sealed class CrossKeyRuleTests
{
    [TestMethod]
    public void LabelListedAmongFeatures()
    {
        var e = Fails(Minimal + "\nfeatures: [x1, y]");

        var error = ErrorAt(e, "features");
        Assert.AreEqual("lists the label 'y'; a model cannot take its own answer as input", error.Message);
        Assert.AreEqual(8, error.Location!.Line);
    }

    [TestMethod]
    public void EmptyFeatureList()
    {
        var e = Fails(Minimal + "\nfeatures: []");

        Assert.AreEqual("received an empty list; list at least one column, or omit the key to use all but the label", ErrorAt(e, "features").Message);
    }

    [TestMethod]
    public void FeatureListedTwice()
    {
        var e = Fails(Minimal + "\nfeatures: [x1, x2, x1]");

        Assert.AreEqual("lists 'x1' twice", ErrorAt(e, "features").Message);
    }

    [TestMethod]
    public void OneFoldOfCrossValidation()
    {
        var e = Fails(Minimal + "\nevaluate:\n  cross_validation: 1");

        var error = ErrorAt(e, "evaluate.cross_validation");
        Assert.AreEqual("received 1; allowed: 0 (none) or 2–50 folds", error.Message);
        Assert.AreEqual(9, error.Location!.Line);
    }

    [TestMethod]
    public void SeparatorOfSeveralCharacters()
    {
        var e = Fails(Minimal.Replace("  train: data.csv", "  train: data.csv\n  separator: ';;'"));

        Assert.AreEqual("received ';;'; allowed: auto, \\t, or one character", ErrorAt(e, "data.separator").Message);
    }

    [TestMethod]
    public void QuoteAsSeparator()
    {
        var e = Fails(Minimal.Replace("  train: data.csv", "  train: data.csv\n  separator: '\"'"));

        Assert.AreEqual("a quote or line break cannot separate fields", ErrorAt(e, "data.separator").Message);
    }

    [TestMethod]
    public void EveryBrokenRuleIsReportedTogether()
    {
        var e = Fails(Minimal.Replace("task: regression", "task: binary") + "\nfeatures: [y]\nevaluate: { cross_validation: 1 }");

        CollectionAssert.AreEquivalent(new[] { "trainer.name", "features", "evaluate.cross_validation" }, e.Errors.Select(x => x.Path).ToArray());
    }
}
