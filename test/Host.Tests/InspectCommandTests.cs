using System.Security.Cryptography;
using DeepLearning.Host.Tests.Support;

namespace DeepLearning.Host.Tests;

/// <summary><c>dlp inspect</c>: the manifest a bundle carries, read back through the CLI.</summary>
[TestClass, TestCategory("e2e")]
public sealed class InspectCommandTests
{
    [TestMethod]
    public void Inspect_json_shows_format_task_schema_classes_and_provenance()
    {
        using var dir = new TempDir();
        var (model, train) = Dlp.Train(dir, "iris-maximum-entropy.yaml");

        var manifest = Dlp.Inspect(dir, model);

        Assert.AreEqual(1, manifest["format_version"]!.GetValue<int>());
        Assert.AreEqual("multiclass", manifest["task"]!.GetValue<string>());
        Assert.AreEqual("species", manifest["label"]!.GetValue<string>());
        var inputs = manifest["input_schema"]!.AsArray();
        // `label` is ignored by the spec (it would leak the answer) and `species` is the label.
        CollectionAssert.AreEqual(
            new[] { "sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm" },
            inputs.Select(c => c!["name"]!.GetValue<string>()).ToArray());
        Assert.IsTrue(inputs.All(c => c!["kind"]!.GetValue<string>() == "numeric"), manifest["input_schema"]!.ToJsonString());
        CollectionAssert.AreEqual(new[] { "setosa", "versicolor", "virginica" }, manifest["classes"]!.AsArray().Select(c => c!.GetValue<string>()).ToArray());
        Assert.AreEqual(train["metrics"]!.ToJsonString(), manifest["metrics"]!["metrics"]!.ToJsonString());

        var provenance = manifest["provenance"]!;
        var data = provenance["train_data"]!;
        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Dlp.IrisCsv))), data["sha256"]!.GetValue<string>());
        Assert.AreEqual(Path.GetFullPath(Dlp.IrisCsv), Path.GetFullPath(data["path"]!.GetValue<string>()));
        Assert.AreEqual(150, data["rows"]!.GetValue<int>());
        Assert.AreEqual(42, provenance["seed"]!.GetValue<int>());
        Assert.AreEqual(150, provenance["train_rows"]!.GetValue<int>() + provenance["test_rows"]!.GetValue<int>());
        Assert.AreEqual("maximum_entropy", provenance["spec"]!["trainer"]!["name"]!.GetValue<string>());
        Assert.IsFalse(string.IsNullOrEmpty(provenance["versions"]!["mlnet"]?.GetValue<string>()), provenance.ToJsonString());
    }

    [TestMethod]
    public void Inspect_without_json_prints_a_readable_summary()
    {
        using var dir = new TempDir();
        var (model, _) = Dlp.Train(dir, "iris-maximum-entropy.yaml");

        var result = Dlp.Succeed(dir, "inspect", model);

        Assert.Contains("iris-species", result.StdOut, result.ToString());
        Assert.Contains("versicolor", result.StdOut, result.ToString());
    }
}
