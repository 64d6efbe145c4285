using System.Text.Json.Nodes;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Tests.Spec;

/// <summary>YAML and JSON are one schema: the same spec in either format binds to the same records.</summary>
[TestClass]
public sealed class SpecFormatTests
{
    private const string Yaml = """
        # comments are allowed in YAML
        name: iris-species
        task: multiclass
        data:
          train: ../datasets/iris/iris.csv
          columns: { label: ignore, species: categorical }
          split: { test_fraction: 0.25, stratify: false, seed: 3 }
          missing:
            values: ['', NA]
            policy: drop_rows
        label: species
        features: [sepal_length_cm, petal_width_cm]
        transforms:
          - replace_missing: { columns: [petal_width_cm], with: mean }
          - normalize: { method: min_max }
        trainer:
          name: one_versus_all
          binary: { name: averaged_perceptron, epochs: 20 }
        seed: 7
        evaluate: { cross_validation: 3 }
        """;

    private const string Json = """
        {
          "name": "iris-species",
          "task": "multiclass",
          "data": {
            "train": "../datasets/iris/iris.csv",
            "columns": { "label": "ignore", "species": "categorical" },
            "split": { "test_fraction": 0.25, "stratify": false, "seed": 3 },
            "missing": { "values": ["", "NA"], "policy": "drop_rows" }
          },
          "label": "species",
          "features": ["sepal_length_cm", "petal_width_cm"],
          "transforms": [
            { "replace_missing": { "columns": ["petal_width_cm"], "with": "mean" } },
            { "normalize": { "method": "min_max" } }
          ],
          "trainer": { "name": "one_versus_all", "binary": { "name": "averaged_perceptron", "epochs": 20 } },
          "seed": 7,
          "evaluate": { "cross_validation": 3 }
        }
        """;

    private static string Resolved(string text, string path) => SpecWriter.Write(SpecLoader.Parse(text, path).Spec)!.ToJsonString();

    [TestMethod]
    public void YamlAndJsonBindToTheSameSpec()
    {
        var fromYaml = Resolved(Yaml, "/tmp/x/spec.yaml");
        var fromJson = Resolved(Json, "/tmp/x/spec.json");

        Assert.AreEqual(fromYaml, fromJson);
        Assert.Contains("\"epochs\":20", fromYaml);
        Assert.Contains("\"policy\":\"drop_rows\"", fromYaml);
    }

    [TestMethod]
    public void DifferentValuesGiveDifferentOutput()
    {
        Assert.AreNotEqual(Resolved(Yaml, "/tmp/x/spec.yaml"), Resolved(Json.Replace("\"seed\": 7", "\"seed\": 8"), "/tmp/x/spec.json"));
    }

    [TestMethod]
    public void WrittenSpecReadsBackToTheSameSpec()
    {
        var first = SpecWriter.Write(SpecLoader.Parse(Yaml, "/tmp/x/spec.yaml").Spec)!;

        var again = SpecWriter.Write(SpecLoader.Parse(first.ToJsonString(), "/tmp/x/resolved.json").Spec)!;

        Assert.IsTrue(JsonNode.DeepEquals(first, again), $"{first.ToJsonString()}{Environment.NewLine}{again.ToJsonString()}");
    }

    [TestMethod]
    public void JsonErrorsCarryLineAndColumnLikeYaml()
    {
        var e = Assert.ThrowsExactly<SpecException>(() => SpecLoader.Parse(Json.Replace("\"epochs\": 20", "\"epochs\": 0"), "/tmp/x/spec.json"));

        var error = e.Errors.Single();
        Assert.AreEqual("trainer.binary.epochs", error.Path);
        Assert.AreEqual("received 0; allowed: an integer ≥ 1", error.Message);
        Assert.AreEqual(16, error.Location!.Line);
    }
}
