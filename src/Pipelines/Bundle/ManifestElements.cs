using System.Globalization;
using System.Text.Json;
using DeepLearning.Pipelines.Evaluation;

namespace DeepLearning.Pipelines.Bundle;

/// <summary>Reads parts of a manifest straight from its JSON (<see cref="ModelBundle.ReadManifestJson"/>), by the
/// snake_case names <see cref="BundleJson"/> writes, without the serializer.</summary>
/// <remarks>Why: deserializing a whole <see cref="ModelManifest"/> builds the serializer's contract of some forty types
/// and compiles its generic code for each value type; in a fresh process that is over 100 ms, half of a cold
/// `dlp inspect`. A person's view of a bundle needs a dozen values, read here in a few milliseconds. Every problem
/// is a <see cref="JsonException"/> naming the key, as the serializer's would be, so callers report it the same way.</remarks>
public static class ManifestElements
{
    /// <summary>The property <paramref name="name"/> of <paramref name="element"/>; it must be there.</summary>
    public static JsonElement Required(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object) throw new JsonException($"expected an object holding '{name}', got {Kind(element)}");
        return element.TryGetProperty(name, out var value) ? value : throw new JsonException($"'{name}' is missing");
    }

    /// <summary>The property <paramref name="name"/>, or null when it is absent or JSON null.</summary>
    public static JsonElement? Optional(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>The string <paramref name="name"/>.</summary>
    public static string String(JsonElement element, string name) => AsString(Required(element, name), name);

    /// <summary>The string <paramref name="name"/>, or null.</summary>
    public static string? OptionalString(JsonElement element, string name) => Optional(element, name) is { } value ? AsString(value, name) : null;

    /// <summary>The whole number <paramref name="name"/>.</summary>
    public static long Integer(JsonElement element, string name)
    {
        var value = Required(element, name);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : throw new JsonException($"'{name}' must be a whole number, got {Kind(value)}");
    }

    /// <summary>The number <paramref name="name"/>; "NaN" and the infinities may be strings, as the bundle writes them.</summary>
    public static double Number(JsonElement element, string name) => AsNumber(Required(element, name), name);

    /// <summary>The boolean <paramref name="name"/>.</summary>
    public static bool Boolean(JsonElement element, string name)
    {
        var value = Required(element, name);
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new JsonException($"'{name}' must be true or false, got {Kind(value)}"),
        };
    }

    /// <summary>The time <paramref name="name"/> (ISO 8601, as the bundle writes it).</summary>
    public static DateTimeOffset Time(JsonElement element, string name)
    {
        var value = Required(element, name);
        return value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var time) ? time : throw new JsonException($"'{name}' must be an ISO 8601 time, got {Kind(value)}");
    }

    /// <summary>The array <paramref name="name"/>.</summary>
    public static JsonElement.ArrayEnumerator Array(JsonElement element, string name)
    {
        var value = Required(element, name);
        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : throw new JsonException($"'{name}' must be an array, got {Kind(value)}");
    }

    /// <summary>The object <paramref name="name"/>, property by property.</summary>
    public static JsonElement.ObjectEnumerator Object(JsonElement element, string name)
    {
        var value = Required(element, name);
        return value.ValueKind == JsonValueKind.Object ? value.EnumerateObject() : throw new JsonException($"'{name}' must be an object, got {Kind(value)}");
    }

    /// <summary>The array of strings <paramref name="name"/>.</summary>
    public static List<string> Strings(JsonElement element, string name)
    {
        var list = new List<string>();
        foreach (var item in Array(element, name)) list.Add(AsString(item, name));
        return list;
    }

    /// <summary>The array of strings <paramref name="name"/>, or null.</summary>
    public static List<string>? OptionalStrings(JsonElement element, string name) => Optional(element, name) is null ? null : Strings(element, name);

    /// <summary>The array of numbers <paramref name="name"/>.</summary>
    public static List<double> Numbers(JsonElement element, string name)
    {
        var list = new List<double>();
        foreach (var item in Array(element, name)) list.Add(AsNumber(item, name));
        return list;
    }

    /// <summary>The array of numbers <paramref name="name"/>, or null.</summary>
    public static List<double>? OptionalNumbers(JsonElement element, string name) => Optional(element, name) is null ? null : Numbers(element, name);

    /// <summary><c>metrics</c> (or any evaluation report): the metric values, rows, confusion matrix and per-class scores.</summary>
    public static EvaluationReport Evaluation(JsonElement report)
    {
        var metrics = new Dictionary<string, double>();
        foreach (var metric in Object(report, "metrics")) metrics[metric.Name] = AsNumber(metric.Value, metric.Name);
        ConfusionMatrix? confusion = null;
        if (Optional(report, "confusion_matrix") is { } matrix)
        {
            var counts = new List<IReadOnlyList<long>>();
            foreach (var row in Array(matrix, "counts"))
            {
                if (row.ValueKind != JsonValueKind.Array) throw new JsonException($"'counts' must hold arrays, got {Kind(row)}");
                var cells = new List<long>();
                foreach (var cell in row.EnumerateArray())
                    cells.Add(cell.ValueKind == JsonValueKind.Number && cell.TryGetInt64(out var n) ? n : throw new JsonException($"'counts' must hold whole numbers, got {Kind(cell)}"));
                counts.Add(cells);
            }
            confusion = new ConfusionMatrix(Strings(matrix, "classes"), counts);
        }
        Dictionary<string, ClassMetrics>? perClass = null;
        if (Optional(report, "per_class") is not null)
        {
            perClass = [];
            foreach (var c in Object(report, "per_class")) perClass[c.Name] = new ClassMetrics(Number(c.Value, "precision"), Number(c.Value, "recall"));
        }
        return new EvaluationReport(metrics, Integer(report, "rows"), confusion, perClass);
    }

    /// <summary><c>cross_validation</c>: folds, mean and standard deviation per metric, the metrics of each fold.</summary>
    public static CrossValidationReport CrossValidation(JsonElement report)
    {
        var summary = new Dictionary<string, FoldSummary>();
        foreach (var metric in Object(report, "metrics")) summary[metric.Name] = new FoldSummary(Number(metric.Value, "mean"), Number(metric.Value, "std"));
        var perFold = new List<IReadOnlyDictionary<string, double>>();
        foreach (var fold in Array(report, "per_fold"))
        {
            if (fold.ValueKind != JsonValueKind.Object) throw new JsonException($"'per_fold' must hold objects, got {Kind(fold)}");
            var metrics = new Dictionary<string, double>();
            foreach (var metric in fold.EnumerateObject()) metrics[metric.Name] = AsNumber(metric.Value, metric.Name);
            perFold.Add(metrics);
        }
        return new CrossValidationReport((int)Integer(report, "folds"), summary, perFold);
    }

    /// <summary><c>training_history</c> of a neural model.</summary>
    public static TrainingHistoryInfo TrainingHistory(JsonElement history)
    {
        var epochs = new List<int>();
        foreach (var epoch in Array(history, "epochs"))
            epochs.Add(epoch.ValueKind == JsonValueKind.Number && epoch.TryGetInt32(out var n) ? n : throw new JsonException($"'epochs' must hold whole numbers, got {Kind(epoch)}"));
        return new TrainingHistoryInfo(epochs, Numbers(history, "train_loss"), Numbers(history, "validation_loss"),
            (int)Integer(history, "best_epoch"), String(history, "stopped"),
            OptionalNumbers(history, "train_accuracy"), OptionalNumbers(history, "validation_accuracy"),
            Optional(history, "steps") is null ? null : Integer(history, "steps"),
            Optional(history, "train_seconds") is null ? null : Number(history, "train_seconds"),
            Optional(history, "steps_per_second") is null ? null : Number(history, "steps_per_second"));
    }

    /// <summary><c>episode_history</c> of a reinforcement-learning agent.</summary>
    public static EpisodeHistoryInfo EpisodeHistory(JsonElement history)
    {
        var lengths = new List<int>();
        foreach (var length in Array(history, "lengths"))
            lengths.Add(length.ValueKind == JsonValueKind.Number && length.TryGetInt32(out var n) ? n : throw new JsonException($"'lengths' must hold whole numbers, got {Kind(length)}"));
        return new EpisodeHistoryInfo((int)Integer(history, "episodes"), Numbers(history, "returns"), lengths,
            OptionalNumbers(history, "epsilon"), OptionalNumbers(history, "regret"), String(history, "stopped"),
            Integer(history, "steps"), Integer(history, "updates"), Number(history, "train_seconds"),
            Optional(history, "policy_episode") is null ? null : (int)Integer(history, "policy_episode"),
            Optional(history, "policy_check_return") is null ? null : Number(history, "policy_check_return"));
    }

    /// <summary><paramref name="value"/>, which must be a string (<paramref name="name"/> names it in the error).</summary>
    public static string AsString(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new JsonException($"'{name}' must be a string, got {Kind(value)}");

    private static double AsNumber(JsonElement value, string name) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String when value.GetString() is "NaN" or "Infinity" or "-Infinity" => double.Parse(value.GetString()!, CultureInfo.InvariantCulture),
        _ => throw new JsonException($"'{name}' must be a number, got {Kind(value)}"),
    };

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => "null",
    };
}
