using System.Collections;
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
        TrainerSpec t => WriteTrainer(t),
        TransformSpec t => new JsonObject { [t.Name] = Write(t.Options) },
        IDictionary d => new JsonObject(d.Keys.Cast<string>().Select(k => KeyValuePair.Create(k, Write(d[k])))),
        IEnumerable list => new JsonArray(list.Cast<object?>().Select(Write).ToArray()),
        _ => WriteRecord(value),
    };

    private static JsonObject WriteTrainer(TrainerSpec trainer)
    {
        var node = new JsonObject { ["name"] = trainer.Name };
        foreach (var (key, value) in WriteRecord(trainer.Options).ToList())
            node[key] = value?.DeepClone();
        return node;
    }

    private static JsonObject WriteRecord(object record)
    {
        var node = new JsonObject();
        foreach (var property in SpecBinder.OptionProperties(record.GetType()))
            node[SnakeCase.From(property.Name)] = Write(property.GetValue(record));
        return node;
    }
}
