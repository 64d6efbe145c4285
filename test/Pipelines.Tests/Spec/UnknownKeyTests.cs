using DeepLearning.Pipelines.Spec;
using static DeepLearning.Pipelines.Tests.Spec.SpecText;

namespace DeepLearning.Pipelines.Tests.Spec;

/// <summary>Keys the spec does not know are errors, with a suggestion and the keys that are allowed.</summary>
[TestClass]
public sealed class UnknownKeyTests
{
    [TestMethod]
    public void UnknownTopLevelKeySuggestsTheNearestKeyAndListsAllowedOnes()
    {
        var e = Fails(Minimal + "\ntrainr_seed: 1\nfeature: [x]");

        var error = ErrorAt(e, "feature");
        Assert.Contains("unknown key 'feature' (did you mean 'features'?)", error.Message);
        Assert.Contains("allowed keys here: anomaly, data, evaluate, features, label, name, promotion, seed, task, trainer, transforms", error.Message);
        Assert.AreEqual(new SourceLocation(FilePath, 9, 10), error.Location);
        Assert.Contains("unknown key 'trainr_seed'", ErrorAt(e, "trainr_seed").Message);
        MessageHas(e, $"{FilePath}:9:10: feature: unknown key 'feature'");
    }

    [TestMethod]
    public void UnknownTopLevelKeyFarFromEveryKeyGetsNoSuggestion()
    {
        var e = Fails(Minimal + "\nhyperparameters: {}");

        var error = ErrorAt(e, "hyperparameters");
        Assert.DoesNotContain("did you mean", error.Message);
        Assert.Contains("allowed keys here:", error.Message);
    }

    [TestMethod]
    public void UnknownNestedKeyNamesItsFullPath()
    {
        var e = Fails(Minimal.Replace("  train: data.csv", "  train: data.csv\n  split: { test_fractoin: 0.3 }"));

        var error = ErrorAt(e, "data.split.test_fractoin");
        Assert.Contains("unknown key 'test_fractoin' (did you mean 'test_fraction'?)", error.Message);
        Assert.Contains("allowed keys here: column, seed, stratify, test_fraction, test_values", error.Message);
        Assert.AreEqual(5, error.Location!.Line);
    }

    [TestMethod]
    public void UnknownTrainerOptionListsThatTrainersOptionsAndName()
    {
        var e = Fails(Minimal + "\n  epochs: 10");

        var error = ErrorAt(e, "trainer.epochs");
        Assert.Contains("unknown key 'epochs'", error.Message);
        Assert.Contains("allowed keys here: l2, name", error.Message);
    }

    [TestMethod]
    public void UnknownTransformOptionNamesTheTransformInThePath()
    {
        var e = Fails(Minimal + "\ntransforms:\n  - normalize: { metod: min_max }");

        var error = ErrorAt(e, "transforms[0].normalize.metod");
        Assert.Contains("unknown key 'metod' (did you mean 'method'?)", error.Message);
        Assert.Contains("allowed keys here: columns, method", error.Message);
    }

    [TestMethod]
    public void EveryUnknownKeyIsReportedAtOnce()
    {
        var e = Fails(Minimal + "\nfoo: 1\nbar: 2\nevaluate: { folds: 3 }");

        CollectionAssert.AreEquivalent(new[] { "foo", "bar", "evaluate.folds" }, e.Errors.Select(x => x.Path).ToArray());
    }
}
