using System.Text.Json.Nodes;
using DeepLearning.Pipelines.Spec;
using DeepLearning.Pipelines.Trainers;
using DeepLearning.Pipelines.Transforms;

namespace DeepLearning.Pipelines.Tests.Spec;

/// <summary>The JSON Schema is generated from the same declarations the binder uses.</summary>
[TestClass]
public sealed class JsonSchemaGeneratorTests
{
    private static JsonObject Schema() => new JsonSchemaGenerator(TrainerCatalog.Default, TransformCatalog.Default).Generate();

    private static JsonArray Alternatives(JsonNode property) =>
        (property["oneOf"] ?? throw new AssertFailedException($"no oneOf in {property.ToJsonString()}")).AsArray();

    [TestMethod]
    public void TopLevelForbidsUnknownKeysAndListsRequiredOnes()
    {
        var schema = Schema();

        Assert.AreEqual("https://json-schema.org/draft/2020-12/schema", (string)schema["$schema"]!);
        Assert.AreEqual("object", (string)schema["type"]!);
        Assert.IsFalse((bool)schema["additionalProperties"]!);
        // data and trainer are required by the data tasks, environment and agent by reinforcement (the task rules in allOf).
        CollectionAssert.AreEquivalent(new[] { "name", "task" }, schema["required"]!.AsArray().Select(n => (string)n!).ToArray());
        CollectionAssert.AreEquivalent(new[] { "name", "task", "data", "label", "features", "transforms", "trainer", "environment", "agent", "episodes", "evaluation_episodes", "stop_at", "keep_best", "seed", "anomaly", "promotion", "evaluate" },
            schema["properties"]!.AsObject().Select(p => p.Key).ToArray());
    }

    [TestMethod]
    public void TrainerAlternativesNameEveryTrainerInTheCatalog()
    {
        var schema = Schema();
        Assert.AreEqual("#/$defs/trainer", (string)schema["properties"]!["trainer"]!["$ref"]!);
        var trainer = schema["$defs"]!["trainer"]!;

        var names = Alternatives(trainer).Select(a => (string)a!["properties"]!["name"]!["const"]!).ToArray();

        CollectionAssert.AreEquivalent(TrainerCatalog.Default.Names.ToArray(), names);
        foreach (var alternative in Alternatives(trainer))
        {
            Assert.IsFalse((bool)alternative!["additionalProperties"]!);
            Assert.Contains("name", alternative["required"]!.AsArray().Select(n => (string)n!));
        }
    }

    [TestMethod]
    public void TransformAlternativesNameEveryTransform()
    {
        var items = Schema()["properties"]!["transforms"]!["items"]!;

        var names = Alternatives(items).Select(a => a!["properties"]!.AsObject().Single().Key).ToArray();

        CollectionAssert.AreEquivalent(TransformCatalog.Default.Names.ToArray(), names);
    }

    [TestMethod]
    public void NestedTrainerOfOneVersusAllRefersToTheTrainerDefinition()
    {
        var ova = Alternatives(Schema()["$defs"]!["trainer"]!).Single(a => (string)a!["properties"]!["name"]!["const"]! == "one_versus_all")!;

        Assert.AreEqual("#/$defs/trainer", (string)ova["properties"]!["binary"]!["$ref"]!);
    }

    [TestMethod]
    public void SchemaIsValidJsonText()
    {
        var text = Schema().ToJsonString();

        Assert.IsTrue(JsonNode.DeepEquals(Schema(), JsonNode.Parse(text)));
    }

    [TestMethod]
    public void RangesDefaultsAndEnumsComeFromTheDeclarations()
    {
        var schema = Schema();
        var fraction = schema["properties"]!["data"]!["properties"]!["split"]!["properties"]!["test_fraction"]!;

        Assert.AreEqual("number", (string)fraction["type"]!);
        Assert.AreEqual(0.0, (double)fraction["exclusiveMinimum"]!);
        Assert.AreEqual(0.9, (double)fraction["maximum"]!);
        Assert.AreEqual(0.2, (double)fraction["default"]!);
        Assert.AreEqual(42, (int)schema["properties"]!["seed"]!["default"]!);
        CollectionAssert.AreEqual(new[] { "regression", "binary", "multiclass", "clustering", "dimensionality_reduction", "anomaly", "reinforcement" },
            schema["properties"]!["task"]!["enum"]!.AsArray().Select(n => (string)n!).ToArray());
    }

    [TestMethod]
    public void EveryObjectInTheSchemaForbidsUnknownKeys()
    {
        var open = new List<string>();
        int records = 0;
        void Walk(JsonNode? node, string at)
        {
            if (node is JsonObject obj)
            {
                if ((string?)obj["type"] == "object" && obj["properties"] is not null)
                {
                    records++;
                    if (obj["additionalProperties"] is not JsonValue value || value.GetValueKind() != System.Text.Json.JsonValueKind.False)
                        open.Add(at);
                }
                foreach (var (key, child) in obj) Walk(child, $"{at}/{key}");
            }
            else if (node is JsonArray array)
                for (int i = 0; i < array.Count; i++) Walk(array[i], $"{at}/{i}");
        }

        Walk(Schema(), "#");

        Assert.IsGreaterThan(TrainerCatalog.Default.Names.Count, records);
        Assert.IsEmpty(open, string.Join(", ", open));
    }
}
