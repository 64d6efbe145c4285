using System.Text.Json.Nodes;
using DeepLearning.Host.Tests.Support;
using DeepLearning.Pipelines.Trainers;

namespace DeepLearning.Host.Tests;

/// <summary><c>dlp schema</c>: the spec's JSON Schema, which editors and CI validate specs against.</summary>
[TestClass, TestCategory("e2e")]
public sealed class SchemaCommandTests
{
    [TestMethod]
    public void Schema_is_one_json_object_naming_every_trainer()
    {
        using var dir = new TempDir();

        var result = Dlp.Succeed(dir, "schema");

        var schema = Dlp.ParseObject(result.StdOut);
        Assert.Contains("json-schema.org", schema["$schema"]!.GetValue<string>());
        var trainer = Resolve(schema, schema["properties"]!["trainer"]!);
        var named = trainer["oneOf"]!.AsArray().Select(t => t!["properties"]!["name"]!["const"]!.GetValue<string>()).ToList();
        CollectionAssert.AreEquivalent(TrainerCatalog.Default.Names.ToList(), named);
    }

    [TestMethod]
    public void Every_reference_in_the_schema_resolves()
    {
        using var dir = new TempDir();
        var schema = Dlp.ParseObject(Dlp.Succeed(dir, "schema").StdOut);

        var references = new List<JsonNode>();
        Collect(schema, references);

        foreach (var reference in references) Assert.IsNotNull(Resolve(schema, reference), reference.ToJsonString());
    }

    /// <summary>Follows a local <c>$ref</c> ("#/a/b"), or returns the node itself.</summary>
    private static JsonNode Resolve(JsonObject schema, JsonNode node)
    {
        if (node is not JsonObject o || o["$ref"] is not { } reference) return node;
        var path = reference.GetValue<string>();
        Assert.StartsWith("#/", path, "only local references are expected");
        JsonNode? target = schema;
        foreach (var part in path[2..].Split('/')) target = target?[part];
        Assert.IsNotNull(target, $"{path} points at nothing");
        return target;
    }

    private static void Collect(JsonNode? node, List<JsonNode> references)
    {
        switch (node)
        {
            case JsonObject o:
                if (o.ContainsKey("$ref")) references.Add(o);
                foreach (var (_, child) in o) Collect(child, references);
                break;
            case JsonArray a:
                foreach (var child in a) Collect(child, references);
                break;
        }
    }
}
