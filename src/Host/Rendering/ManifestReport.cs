using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DeepLearning.Host.Rendering.Text;
using DeepLearning.Pipelines.Bundle;
using static DeepLearning.Pipelines.Bundle.ManifestElements;

namespace DeepLearning.Host.Rendering;

/// <summary>A model bundle's manifest for people (`dlp inspect`, `dlp registry show`): a panel of what the model is
/// and where it came from, then its featurisation steps, test metrics and cross-validation.</summary>
/// <remarks>It reads the manifest's JSON rather than a <see cref="ModelManifest"/>: a cold `dlp inspect` then never
/// builds the serializer's contracts (see <see cref="ManifestElements"/>). A caller holding a deserialized manifest
/// hands over its JSON form, so there is one way to draw a manifest, not two to keep in step.</remarks>
public static class ManifestReport
{
    /// <summary>Writes the manifest <paramref name="manifest"/> of the bundle at <paramref name="path"/> to standard output.</summary>
    public static void Show(string path, JsonElement manifest)
    {
        var canvas = TextCanvas.ForConsole();
        Render(canvas, path, manifest);
        canvas.WriteToConsole();
    }

    /// <summary>Writes a deserialized manifest, by way of its JSON form.</summary>
    public static void Show(string path, ModelManifest manifest) => Show(path, JsonSerializer.SerializeToElement(manifest, BundleJson.Options));

    /// <summary>Draws the manifest on <paramref name="canvas"/>. A manifest missing a value it needs throws
    /// <see cref="JsonException"/> naming the key.</summary>
    public static void Render(TextCanvas canvas, string path, JsonElement manifest)
    {
        var provenance = Required(manifest, "provenance");
        var reinforcement = Optional(manifest, "reinforcement");
        var panel = new KeyValuePanel("model");
        panel.Add("model", path);
        panel.Add("name", String(manifest, "name"));
        panel.Add("task", String(manifest, "task"));
        panel.Add("trainer", String(manifest, "trainer"));
        panel.Add("format", Integer(manifest, "format_version").ToString(CultureInfo.InvariantCulture));
        if (OptionalString(manifest, "label") is { } label) panel.Add("label", label);
        if (OptionalStrings(manifest, "classes") is { } classes) panel.Add("classes", string.Join(", ", classes));
        if (reinforcement is { } rl) AddReinforcement(panel, manifest, rl, provenance);
        else AddData(panel, manifest, provenance);
        panel.Add("seed", Integer(provenance, "seed").ToString(CultureInfo.InvariantCulture));
        if (Optional(manifest, "training_history") is { } history) panel.Add("training", TrainingHistory(history).Summary());
        panel.Add("device", String(provenance, "device"));
        var versions = new List<string>();
        foreach (var version in Object(provenance, "versions")) versions.Add($"{version.Name} {AsString(version.Value, version.Name)}");
        panel.Add("versions", string.Join(", ", versions));
        panel.Render(canvas);

        var metrics = Evaluation(Required(manifest, "metrics"));
        if (reinforcement is { } agent)
        {
            ReportRenderer.Metrics(canvas, $"evaluation of the greedy policy (seed {Integer(Required(agent, "evaluation"), "seed")})", metrics, "episodes");
            return;
        }
        canvas.Line("featurization", Tone.Bold);
        var steps = new TextTable().Column("step").Column("columns").Column("detail").Column("added");
        foreach (var step in Array(manifest, "featurization"))
            steps.Row(String(step, "transform"), Shorten(string.Join(", ", Strings(step, "columns"))), String(step, "detail"), Boolean(step, "automatic") ? "auto" : "spec");
        steps.Render(canvas);
        ReportRenderer.Metrics(canvas, "test metrics", metrics, "rows");
        if (Optional(manifest, "cross_validation") is { } cv) ReportRenderer.CrossValidation(canvas, CrossValidation(cv));
    }

    private static void AddData(KeyValuePanel panel, JsonElement manifest, JsonElement provenance)
    {
        var inputs = new List<string>();
        foreach (var column in Array(manifest, "input_schema")) inputs.Add($"{String(column, "name")} ({String(column, "kind")})");
        panel.Add("inputs", string.Join(", ", inputs));
        panel.Add("trained", $"{Time(provenance, "started_at"):u} in {Number(provenance, "duration_seconds"):F1}s on {Integer(provenance, "train_rows")} rows, tested on {Integer(provenance, "test_rows")}");
        if (Optional(provenance, "train_data") is { } data)
        {
            var sha = String(data, "sha256");
            panel.Add("data", $"{String(data, "path")} (sha256 {sha[..Math.Min(12, sha.Length)]}…, {Integer(data, "rows")} rows)");
        }
    }

    private static void AddReinforcement(KeyValuePanel panel, JsonElement manifest, JsonElement rl, JsonElement provenance)
    {
        panel.Add("environment", Compact(Required(rl, "environment")));
        panel.Add("agent", Compact(Required(rl, "agent")));
        var state = Strings(rl, "state_variables");
        panel.Add("state", state.Count > 0 ? string.Join(", ", state) : "(a single state)");
        var actions = Strings(rl, "actions");
        for (int i = 0; i < actions.Count; i++) actions[i] = $"{i} {actions[i]}";
        panel.Add("actions", string.Join(", ", actions));
        var policy = Required(rl, "policy");
        panel.Add("policy", $"{String(policy, "kind")} ({String(policy, "entry")}), scores: {String(rl, "scores")}");
        panel.Add("trained", $"{Time(provenance, "started_at"):u} in {Number(provenance, "duration_seconds"):F1}s");
        if (Optional(manifest, "episode_history") is { } episodes) panel.Add("training", EpisodeHistory(episodes).Summary());
    }

    // The environment and agent settings on one line, as JsonNode writes them.
    private static string Compact(JsonElement value) => JsonNode.Parse(value.GetRawText())?.ToJsonString() ?? "null";

    private static string Shorten(string s) => s.Length > 60 ? s[..57] + "…" : s;
}
