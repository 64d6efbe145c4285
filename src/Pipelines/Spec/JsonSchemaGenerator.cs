using System.Reflection;
using System.Text.Json.Nodes;

namespace DeepLearning.Pipelines.Spec;

/// <summary>Generates the JSON Schema of the spec from the option declarations (<see cref="OptionAttribute"/>),
/// so the schema, the binder and the docs cannot disagree.</summary>
public sealed class JsonSchemaGenerator(IOptionsCatalog trainers, IOptionsCatalog transforms)
{
    private readonly NullabilityInfoContext nullability = new();

    /// <summary>The schema of <see cref="PipelineSpec"/> (draft 2020-12).</summary>
    public JsonObject Generate()
    {
        var schema = Record(typeof(PipelineSpec));
        // The trainer schema is defined once and referenced: a trainer option can itself be a trainer
        // (one_versus_all's `binary`), so writing it inline would recurse without end.
        schema["$defs"] = new JsonObject { [TrainerDefinition] = Trainers() };
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        schema["title"] = "DeepLearning.Pipelines spec";
        return schema;
    }

    private const string TrainerDefinition = "trainer";

    private JsonObject Trainers() => new()
    {
        ["oneOf"] = new JsonArray(trainers.Names.Select(name =>
        {
            var record = Record(trainers.OptionsType(name)!, ["name"]);
            ((JsonObject)record["properties"]!).Insert(0, "name", new JsonObject { ["const"] = name, ["description"] = trainers.Describe(name) });
            return (JsonNode)record;
        }).ToArray()),
    };

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
            if (option.Required) required.Add(key);
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
        else if (type == typeof(TrainerSpec)) node = new JsonObject { ["$ref"] = $"#/$defs/{TrainerDefinition}" };
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
