using DeepLearning.Pipelines.Spec;
using DeepLearning.Pipelines.Transforms;
using static DeepLearning.Pipelines.Tests.Spec.SpecText;

namespace DeepLearning.Pipelines.Tests.Spec;

/// <summary>Each entry of <c>transforms</c> is a one-key map naming a known transform.</summary>
[TestClass]
public sealed class TransformSpecTests
{
    private static readonly string AllTransforms = string.Join(", ", TransformCatalog.Default.Names);

    [TestMethod]
    public void UnknownTransformSuggestsAndListsTheKnownOnes()
    {
        var e = Fails(Minimal + "\ntransforms:\n  - normalise: { method: min_max }");

        var error = ErrorAt(e, "transforms[0].normalise");
        Assert.AreEqual($"unknown transform 'normalise' (did you mean 'normalize'?); allowed: {AllTransforms}", error.Message);
        Assert.AreEqual(9, error.Location!.Line);
    }

    [TestMethod]
    public void TransformGivenAsAList()
    {
        var e = Fails(Minimal + "\ntransforms:\n  - [normalize, min_max]");

        var error = ErrorAt(e, "transforms[0]");
        Assert.AreEqual($"expected a one-key map such as `normalize: {{ method: min_max }}`, received a list; allowed transforms: {AllTransforms}", error.Message);
    }

    [TestMethod]
    public void TransformOptionsGivenAsAList()
    {
        var e = Fails(Minimal + "\ntransforms:\n  - normalize: [min_max]");

        Assert.AreEqual("expected a map of options, received a list", ErrorAt(e, "transforms[0].normalize").Message);
    }

    [TestMethod]
    public void TransformWithTwoKeys()
    {
        var e = Fails(Minimal + "\ntransforms:\n  - normalize: {}\n    one_hot: {}");

        Assert.Contains("expected a one-key map", ErrorAt(e, "transforms[0]").Message);
        Assert.Contains("received a map", ErrorAt(e, "transforms[0]").Message);
    }

    [TestMethod]
    public void TransformsGivenAsASingleMap()
    {
        var e = Fails(Minimal + "\ntransforms:\n  normalize: { method: min_max }");

        Assert.AreEqual("expected a list, received a map", ErrorAt(e, "transforms").Message);
    }

    [TestMethod]
    public void UnknownTransformEnumValue()
    {
        var e = Fails(Minimal + "\ntransforms:\n  - normalize: { method: minmax }");

        var error = ErrorAt(e, "transforms[0].normalize.method");
        Assert.AreEqual("received 'minmax' (did you mean 'min_max'?); allowed: min_max | mean_variance | log_mean_variance", error.Message);
    }

    [TestMethod]
    public void MissingRequiredTransformOption()
    {
        var e = Fails(Minimal + "\ntransforms:\n  - concatenate: { columns: [a, b] }");

        Assert.Contains("required key 'output' is missing", ErrorAt(e, "transforms[0].concatenate.output").Message);
    }

    [TestMethod]
    public void TransformsBindInOrderWithDefaults()
    {
        var spec = Parse(Minimal + "\ntransforms:\n  - one_hot:\n  - replace_missing: { with: zero }\n  - normalize: { method: min_max, columns: [a] }").Spec;

        CollectionAssert.AreEqual(new[] { "one_hot", "replace_missing", "normalize" }, spec.Transforms.Select(t => t.Name).ToArray());
        Assert.AreEqual(new OneHotOptions(), spec.Transforms[0].Options);
        Assert.AreEqual(ReplaceWith.Zero, ((ReplaceMissingOptions)spec.Transforms[1].Options).With);
        var normalize = (NormalizeOptions)spec.Transforms[2].Options;
        Assert.AreEqual(NormalizeMethod.MinMax, normalize.Method);
        CollectionAssert.AreEqual(new[] { "a" }, normalize.Columns!.ToArray());
    }
}
