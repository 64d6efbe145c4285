using System.Reflection;
using System.Text.Json.Nodes;
using DeepLearning.Pipelines.Reinforcement;

namespace DeepLearning.Pipelines.Spec;

/// <summary>Generates the JSON Schema of the spec from the option declarations (<see cref="OptionAttribute"/>),
/// so the schema, the binder and the docs cannot disagree. Environments and agents (task reinforcement) default to
/// the built-in catalogs.</summary>
public sealed class JsonSchemaGenerator(IOptionsCatalog trainers, IOptionsCatalog transforms, IOptionsCatalog? environments = null, IOptionsCatalog? agents = null)
{
    private readonly NullabilityInfoContext nullability = new();
    private readonly IOptionsCatalog environments = environments ?? EnvironmentCatalog.Default;
    private readonly IOptionsCatalog agents = agents ?? AgentCatalog.Default;

    /// <summary>The schema of <see cref="PipelineSpec"/> (draft 2020-12).</summary>
    public JsonObject Generate()
    {
        var schema = Record(typeof(PipelineSpec));
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        schema["title"] = "DeepLearning.Pipelines spec";
        // Trainers nest (one_versus_all names a binary trainer), so their alternatives are defined once and referenced.
        schema["$defs"] = new JsonObject
        {
            ["trainer"] = Alternatives(trainers),
            ["environment"] = Alternatives(environments),
            ["agent"] = Alternatives(agents),
        };
        schema["allOf"] = TaskScopes();
        return schema;
    }

    private const string TrainerRef = "#/$defs/trainer";

    private JsonObject Alternatives(IOptionsCatalog catalog) => new()
    {
        ["oneOf"] = new JsonArray(catalog.Names.Select(name =>
        {
            var record = Record(catalog.OptionsType(name)!, ["name"]);
            ((JsonObject)record["properties"]!).Insert(0, "name", new JsonObject { ["const"] = name, ["description"] = catalog.Describe(name) });
            return (JsonNode)record;
        }).ToArray()),
    };

    /// <summary>Top-level keys that belong to some tasks only: for those tasks their required keys are required, for
    /// the others every one of them is absent.</summary>
    private JsonArray TaskScopes()
    {
        var rules = new JsonArray();
        foreach (var scope in new[] { TaskScope.Data, TaskScope.Reinforcement })
        {
            var keys = SpecBinder.OptionProperties(typeof(PipelineSpec)).Where(p => p.GetCustomAttribute<OptionAttribute>()!.Scope == scope).ToList();
            var tasks = Enum.GetValues<MlTask>().Where(t => t.Scope() == scope).Select(t => (JsonNode)SnakeCase.Of(t)).ToArray();
            var required = keys.Where(p => p.GetCustomAttribute<OptionAttribute>()!.Required).Select(p => (JsonNode)SnakeCase.From(p.Name)).ToArray();
            rules.Add(new JsonObject
            {
                ["if"] = new JsonObject { ["properties"] = new JsonObject { ["task"] = new JsonObject { ["enum"] = new JsonArray(tasks) } }, ["required"] = new JsonArray("task") },
                ["then"] = new JsonObject { ["required"] = new JsonArray(required) },
                ["else"] = new JsonObject { ["not"] = new JsonObject { ["anyOf"] = new JsonArray(keys.Select(p => (JsonNode)new JsonObject { ["required"] = new JsonArray(SnakeCase.From(p.Name)) }).ToArray()) } },
            });
        }
        return rules;
    }

    private JsonObject Record(Type type, IEnumerable<string>? extraRequired = null)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var extra in extraRequired ?? []) required.Add(extra);
        var defaults = Activator.CreateInstance(type);
        foreach (var property in SpecBinder.OptionProperties(type))
        {
            var option = property.GetCustomAttribute<OptionAttribute>()!;
            var key = SnakeCase.From(property.Name);
            var nullable = nullability.Create(property).WriteState == NullabilityState.Nullable || Nullable.GetUnderlyingType(property.PropertyType) is not null;
            var node = Of(property.PropertyType, option, nullable);
            node["description"] = option.Description;
            if (!option.Required && defaults is not null && SpecWriter.Write(property.GetValue(defaults)) is { } value)
                node["default"] = value;
            properties[key] = node;
            // A key of some tasks only is required by the task rules (allOf), not always.
            if (option.Required && option.Scope == TaskScope.All) required.Add(key);
        }
        var result = new JsonObject { ["type"] = "object", ["properties"] = properties, ["additionalProperties"] = false };
        if (required.Count > 0) result["required"] = required;
        return result;
    }

    private JsonObject Of(Type type, OptionAttribute? option, bool nullable)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        JsonObject node;
        if (type == typeof(string)) node = Typed("string");
        else if (type == typeof(bool)) node = Typed("boolean");
        else if (type == typeof(int) || type == typeof(double))
        {
            node = Typed(type == typeof(int) ? "integer" : "number");
            if (option is not null && !double.IsNaN(option.Min)) node[option.ExclusiveMin ? "exclusiveMinimum" : "minimum"] = option.Min;
            if (option is not null && !double.IsNaN(option.Max)) node[option.ExclusiveMax ? "exclusiveMaximum" : "maximum"] = option.Max;
        }
        else if (type.IsEnum) node = new JsonObject { ["enum"] = new JsonArray(Enum.GetValues(type).Cast<Enum>().Select(e => (JsonNode)SnakeCase.Of(e)).ToArray()) };
        else if (type == typeof(TrainerSpec))
            node = new JsonObject { ["$ref"] = TrainerRef };
        else if (type == typeof(EnvironmentSpec))
            node = new JsonObject { ["$ref"] = "#/$defs/environment" };
        else if (type == typeof(AgentSpec))
            node = new JsonObject { ["$ref"] = "#/$defs/agent" };
        else if (type == typeof(TransformSpec))
            node = new JsonObject
            {
                ["oneOf"] = new JsonArray(transforms.Names.Select(name =>
                {
                    var body = Record(transforms.OptionsType(name)!);
                    body["description"] = transforms.Describe(name);
                    return (JsonNode)new JsonObject
                    {
                        ["type"] = "object",
                        ["properties"] = new JsonObject { [name] = body },
                        ["required"] = new JsonArray(name),
                        ["additionalProperties"] = false,
                    };
                }).ToArray()),
            };
        else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            node = Typed("array");
            node["items"] = Of(type.GetGenericArguments()[0], null, false);
            if (option is { MinItems: > 0 }) node["minItems"] = option.MinItems;
        }
        else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
        {
            node = Typed("object");
            node["additionalProperties"] = Of(type.GetGenericArguments()[1], null, false);
        }
        else node = Record(type);

        if (nullable) return new JsonObject { ["anyOf"] = new JsonArray(node, new JsonObject { ["type"] = "null" }) };
        return node;
    }

    private static JsonObject Typed(string type) => new() { ["type"] = type };
}
