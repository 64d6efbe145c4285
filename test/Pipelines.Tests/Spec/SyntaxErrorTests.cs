using DeepLearning.Pipelines.Spec;
using static DeepLearning.Pipelines.Tests.Spec.SpecText;

namespace DeepLearning.Pipelines.Tests.Spec;

/// <summary>Text that is not YAML or JSON at all: the error names the file and the line.</summary>
[TestClass]
public sealed class SyntaxErrorTests
{
    [TestMethod]
    public void InvalidYamlNamesTheLine()
    {
        var text = """
            name: t
            task: regression
            data:
              train: data.csv
            label: y: z
            trainer:
              name: ols
            """;

        var e = Fails(text);

        var error = e.Errors.Single();
        Assert.AreEqual("", error.Path);
        Assert.AreEqual(FilePath, error.Location!.Source);
        Assert.AreEqual(5, error.Location.Line);
        Assert.Contains("the file is not valid YAML or JSON: ", error.Message);
        Assert.DoesNotContain("Idx:", error.Message);
        MessageHas(e, $"{FilePath}:5:");
    }

    [TestMethod]
    public void UnclosedFlowListNamesWhereTheParserStopped()
    {
        var e = Fails(Minimal + "\nfeatures: [a, b\nseed: 1\n");

        var error = e.Errors.Single();
        Assert.AreEqual("the file is not valid YAML or JSON: a [ list ] or { map } is still open here (is a ] or } missing?)", error.Message);
        Assert.AreEqual(new SourceLocation(FilePath, 9, 1), error.Location);
    }

    [TestMethod]
    public void InvalidJsonMissingCommaNamesTheLine()
    {
        var text = """
            {
              "name": "t",
              "task": "regression"
              "data": { "train": "data.csv" },
              "label": "y",
              "trainer": { "name": "ols" }
            }
            """;

        var e = Assert.ThrowsExactly<SpecException>(() => SpecLoader.Parse(text, "/tmp/x/spec.json"));

        var error = e.Errors.Single();
        Assert.AreEqual("/tmp/x/spec.json", error.Location!.Source);
        Assert.AreEqual(4, error.Location.Line);
        Assert.Contains("the file is not valid YAML or JSON", error.Message);
    }

    [TestMethod]
    public void InvalidJsonUnclosedObject()
    {
        var e = Assert.ThrowsExactly<SpecException>(() => SpecLoader.Parse("{\n  \"name\": \"t\",\n  \"data\": { \"train\": \"a.csv\"\n", "/tmp/x/spec.json"));

        var error = e.Errors.Single();
        Assert.Contains("the file is not valid YAML or JSON", error.Message);
        Assert.IsGreaterThanOrEqualTo(3, error.Location!.Line);
    }

    [TestMethod]
    public void DuplicateYamlKeyNamesTheKeyAndItsLine()
    {
        var e = Fails(Minimal + "\nseed: 1\nseed: 2");

        var error = e.Errors.Single();
        Assert.AreEqual(FilePath, error.Location!.Source);
        Assert.AreEqual(9, error.Location.Line);
        Assert.AreEqual("the file is not valid YAML or JSON: Duplicate key seed", error.Message);
    }

    [TestMethod]
    public void DuplicateJsonKeyIsAnErrorToo()
    {
        var e = Assert.ThrowsExactly<SpecException>(() => SpecLoader.Parse(
            "{ \"name\": \"t\", \"task\": \"regression\", \"data\": { \"train\": \"a.csv\", \"train\": \"b.csv\" }, \"label\": \"y\", \"trainer\": { \"name\": \"ols\" } }",
            "/tmp/x/spec.json"));

        Assert.AreEqual("/tmp/x/spec.json:1:66: the file is not valid YAML or JSON: Duplicate key train", e.Errors.Single().ToString());
    }

    [TestMethod]
    public void SeveralDocuments()
    {
        var e = Fails(Minimal + "\n---\n" + Minimal);

        Assert.AreEqual("the spec holds several YAML documents; give one", e.Errors.Single().Message);
    }

    [TestMethod]
    public void ScalarDocumentIsNotAMap()
    {
        var e = Fails("just some words");

        Assert.AreEqual("expected a map of options, received 'just some words'", e.Errors.Single().Message);
    }
}
