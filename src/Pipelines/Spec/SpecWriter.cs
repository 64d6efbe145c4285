using System.Collections;
using System.Reflection;
using System.Text.Json.Nodes;

namespace DeepLearning.Pipelines.Spec;

/// <summary>Writes bound option records back as JSON with snake_case keys — the inverse of <see cref="SpecBinder"/>.
/// The manifest stores the resolved spec this way, every default filled in.</summary>
public static class SpecWriter
{
    /// <summary>The JSON form of <paramref name="value"/>.</summary>
    public static JsonNode? Write(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        double d => JsonValue.Create(d),
        Enum e => JsonValue.Create(SnakeCase.Of(e)),
        INamedSpec t => WriteNamed(t),
        TransformSpec t => new JsonObject { [t.Name] = Write(t.Options) },
        IDictionary d => new JsonObject(d.Keys.Cast<string>().Select(k => KeyValuePair.Create(k, Write(d[k])))),
        IEnumerable list => new JsonArray(list.Cast<object?>().Select(Write).ToArray()),
        _ => WriteRecord(value),
    };

    private static JsonObject WriteNamed(INamedSpec named)
    {
        var node = new JsonObject { ["name"] = named.Name };
        foreach (var (key, value) in WriteRecord(named.Options).ToList())
            node[key] = value?.DeepClone();
        return node;
    }

    private static JsonObject WriteRecord(object record)
    {
        var node = new JsonObject();
        // A pipeline writes only the keys its task reads (a reinforcement spec has no data section, and the other way round).
        var scope = record is PipelineSpec spec ? spec.Task.Scope() : (TaskScope?)null;
        foreach (var property in SpecBinder.OptionProperties(record.GetType()))
        {
            var declared = property.GetCustomAttribute<OptionAttribute>()!.Scope;
            if (scope is { } s && declared != TaskScope.All && declared != s) continue;
            node[SnakeCase.From(property.Name)] = Write(property.GetValue(record));
        }
        return node;
    }
}
