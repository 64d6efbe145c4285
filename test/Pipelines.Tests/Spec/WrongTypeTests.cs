using DeepLearning.Pipelines.Spec;
using static DeepLearning.Pipelines.Tests.Spec.SpecText;

namespace DeepLearning.Pipelines.Tests.Spec;

/// <summary>A value of the wrong type names the key, what was received and what is allowed.</summary>
[TestClass]
public sealed class WrongTypeTests
{
    [TestMethod]
    public void StringForAnInteger()
    {
        var e = Fails(Minimal + "\nseed: forty-two");

        var error = ErrorAt(e, "seed");
        Assert.AreEqual("received 'forty-two'; allowed: an integer", error.Message);
        Assert.AreEqual(8, error.Location!.Line);
    }

    [TestMethod]
    public void QuotedNumberIsAStringNotAnInteger()
    {
        var e = Fails(Minimal + "\nseed: \"42\"");

        Assert.AreEqual("received '42'; allowed: an integer", ErrorAt(e, "seed").Message);
    }

    [TestMethod]
    public void FractionForAnInteger()
    {
        var e = Fails(Minimal + "\nevaluate: { cross_validation: 2.5 }");

        Assert.AreEqual("received '2.5'; allowed: an integer ≥ 0 and ≤ 50", ErrorAt(e, "evaluate.cross_validation").Message);
    }

    [TestMethod]
    public void ListWhereAMapIsExpected()
    {
        var e = Fails(Minimal.Replace("data:\n  train: data.csv", "data: [data.csv]"));

        var error = ErrorAt(e, "data");
        Assert.AreEqual("expected a map of options, received a list", error.Message);
        Assert.AreEqual(3, error.Location!.Line);
    }

    [TestMethod]
    public void ScalarWhereAListIsExpected()
    {
        var e = Fails(Minimal + "\nfeatures: x1");

        Assert.AreEqual("expected a list, received 'x1'", ErrorAt(e, "features").Message);
    }

    [TestMethod]
    public void WordForABoolean()
    {
        var e = Fails(Minimal.Replace("  train: data.csv", "  train: data.csv\n  header: maybe"));

        Assert.AreEqual("received 'maybe'; allowed: true or false", ErrorAt(e, "data.header").Message);
    }

    [TestMethod]
    public void MapForAString()
    {
        var e = Fails(Minimal.Replace("name: t", "name: { first: t }"));

        Assert.AreEqual("expected a string, received a map", ErrorAt(e, "name").Message);
    }

    [TestMethod]
    public void NullForANonNullableNumber()
    {
        var e = Fails(Minimal + "\nseed: null");

        Assert.AreEqual("received null; allowed: an integer", ErrorAt(e, "seed").Message);
    }

    [TestMethod]
    public void UnknownEnumValueSuggestsTheNearestAndListsAll()
    {
        var e = Fails(Minimal.Replace("task: regression", "task: regresion"));

        var error = ErrorAt(e, "task");
        Assert.AreEqual("received 'regresion' (did you mean 'regression'?); allowed: regression | binary | multiclass | clustering | dimensionality_reduction | anomaly | reinforcement", error.Message);
        Assert.AreEqual(new SourceLocation(FilePath, 2, 7), error.Location);
    }

    [TestMethod]
    public void UnknownColumnKindInDataColumns()
    {
        var e = Fails(Minimal.Replace("  train: data.csv", "  train: data.csv\n  columns: { x: numerical }"));

        var error = ErrorAt(e, "data.columns.x");
        Assert.Contains("received 'numerical' (did you mean 'numeric'?)", error.Message);
        Assert.Contains("allowed: numeric | categorical | text | boolean | ignore", error.Message);
    }

    [TestMethod]
    public void UnknownMissingPolicyValue()
    {
        var e = Fails(Minimal.Replace("  train: data.csv", "  train: data.csv\n  missing: { policy: drop }"));

        Assert.Contains("allowed: keep | drop_rows | error", ErrorAt(e, "data.missing.policy").Message);
    }

    [TestMethod]
    public void ListItemOfTheWrongTypeNamesItsIndex()
    {
        var e = Fails(Minimal + "\nfeatures: [x1, [x2, x3]]");

        Assert.AreEqual("expected a string, received a list", ErrorAt(e, "features[1]").Message);
    }
}
