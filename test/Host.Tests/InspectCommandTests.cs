using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DeepLearning.Host.Rendering;
using DeepLearning.Host.Rendering.Text;
using DeepLearning.Host.Tests.Support;
using DeepLearning.Pipelines.Bundle;

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

    [TestMethod]
    public void Inspect_table_shows_every_value_of_the_manifest_a_person_reads()
    {
        using var dir = new TempDir();
        var (model, _) = Dlp.Train(dir, "iris-mlp.yaml");
        var manifest = Dlp.Inspect(dir, model);

        var table = Dlp.Succeed(dir, "inspect", model).StdOut;

        Assert.DoesNotContain("\u001b", table, "escape codes in redirected output");
        var panel = PanelValues(table);
        var provenance = manifest["provenance"]!;
        Assert.AreEqual(model, panel["model"]);
        Assert.AreEqual(manifest["name"]!.GetValue<string>(), panel["name"]);
        Assert.AreEqual("multiclass", panel["task"]);
        Assert.AreEqual("mlp", panel["trainer"]);
        Assert.AreEqual(manifest["format_version"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture), panel["format"]);
        Assert.AreEqual("species", panel["label"]);
        Assert.AreEqual("setosa, versicolor, virginica", panel["classes"]);
        Assert.AreEqual(string.Join(", ", manifest["input_schema"]!.AsArray().Select(c => $"{c!["name"]} ({c["kind"]})")), panel["inputs"]);
        var started = DateTimeOffset.Parse(provenance["started_at"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.AreEqual($"{started:u} in {provenance["duration_seconds"]!.GetValue<double>():F1}s on {provenance["train_rows"]} rows, tested on {provenance["test_rows"]}", panel["trained"]);
        var data = provenance["train_data"]!;
        Assert.AreEqual($"{data["path"]} (sha256 {data["sha256"]!.GetValue<string>()[..12]}…, {data["rows"]} rows)", panel["data"]);
        Assert.AreEqual("42", panel["seed"]);
        var history = manifest["training_history"]!;
        Assert.StartsWith($"{history["epochs"]!.AsArray().Count} epoch(s), best epoch {history["best_epoch"]}", panel["training"]);
        Assert.AreEqual(provenance["device"]!.GetValue<string>(), panel["device"]);
        Assert.AreEqual(string.Join(", ", provenance["versions"]!.AsObject().Select(v => $"{v.Key} {v.Value}")), panel["versions"]);

        foreach (var step in manifest["featurization"]!.AsArray())
        {
            Assert.Contains($"│ {step!["transform"]} ", table);
            Assert.Contains(step["detail"]!.GetValue<string>(), table);
        }
        var metrics = manifest["metrics"]!;
        foreach (var (name, value) in metrics["metrics"]!.AsObject())
            Assert.MatchesRegex(new Regex($@"│ {name} +│ +{Regex.Escape(value!.GetValue<double>().ToString("0.0000", CultureInfo.InvariantCulture))} │"), table);
        Assert.Contains("confusion matrix", table);
        foreach (var (name, summary) in manifest["cross_validation"]!["metrics"]!.AsObject())
            Assert.Contains(summary!["mean"]!.GetValue<double>().ToString("0.0000", CultureInfo.InvariantCulture), table, name);
    }

    [TestMethod]
    public void Inspect_table_of_a_manifest_missing_a_value_names_the_key_and_exits_4()
    {
        using var dir = new TempDir();
        var (model, _) = Dlp.Train(dir, "iris-maximum-entropy.yaml");
        EditManifest(model, manifest => manifest["provenance"]!.AsObject().Remove("seed"));

        var result = Dlp.Run(dir, "inspect", model);

        Assert.AreEqual(4, result.ExitCode, result.ToString());
        Assert.Contains("does not match format 1", result.StdErr, result.ToString());
        Assert.Contains("'seed' is missing", result.StdErr, result.ToString());
        Assert.AreEqual("", result.StdOut, "half a table before the error");
        Dlp.AssertNoStackTrace(result);
    }

    [TestMethod]
    public void Manifest_parts_read_from_json_equal_what_the_serializer_reads()
    {
        using var dir = new TempDir();
        var (model, _) = Dlp.Train(dir, "iris-mlp.yaml");
        var typed = ModelBundle.ReadManifest(model);

        string? fromFile = null;
        ModelBundle.ReadManifestJson(model, root =>
        {
            AssertSameJson(typed.Metrics, ManifestElements.Evaluation(root.GetProperty("metrics")));
            AssertSameJson(typed.CrossValidation, ManifestElements.CrossValidation(root.GetProperty("cross_validation")));
            AssertSameJson(typed.TrainingHistory, ManifestElements.TrainingHistory(root.GetProperty("training_history")));
            fromFile = Render(model, root);
        });
        // `dlp registry show` draws a deserialized manifest through its JSON form: the same text as `dlp inspect`.
        Assert.AreEqual(fromFile, Render(model, JsonSerializer.SerializeToElement(typed, BundleJson.Options)));
    }

    [TestMethod]
    public void Episode_history_read_from_json_equals_what_the_serializer_reads()
    {
        using var dir = new TempDir();
        var (model, _) = Dlp.Train(dir, "gridworld-q-learning.yaml");
        var typed = ModelBundle.ReadManifest(model);

        ModelBundle.ReadManifestJson(model, root =>
            AssertSameJson(typed.EpisodeHistory, ManifestElements.EpisodeHistory(root.GetProperty("episode_history"))));
    }

    /// <summary>The panel's key → value, continuation lines joined back with the space they were wrapped at.</summary>
    private static Dictionary<string, string> PanelValues(string table)
    {
        var values = new Dictionary<string, string>();
        string? key = null;
        foreach (var line in table.Split('\n').TakeWhile(l => !l.StartsWith('╰')).Skip(1))
        {
            var match = Regex.Match(line, @"^│ (\S*)\s+(.*?)\s*│$");
            Assert.IsTrue(match.Success, $"not a panel line: {line}");
            if (match.Groups[1].Value.Length > 0) values[key = match.Groups[1].Value] = match.Groups[2].Value;
            else values[key!] += " " + match.Groups[2].Value;
        }
        return values;
    }

    private static string Render(string path, JsonElement manifest)
    {
        var canvas = new TextCanvas(80, ansi: false);
        ManifestReport.Render(canvas, path, manifest);
        return canvas.ToString();
    }

    private static void AssertSameJson<T>(T expected, T actual) =>
        Assert.AreEqual(JsonSerializer.Serialize(expected, BundleJson.Options), JsonSerializer.Serialize(actual, BundleJson.Options));

    private static void EditManifest(string model, Action<JsonObject> edit)
    {
        using var zip = System.IO.Compression.ZipFile.Open(model, System.IO.Compression.ZipArchiveMode.Update);
        var entry = zip.GetEntry("manifest.json")!;
        string text;
        using (var reader = new StreamReader(entry.Open())) text = reader.ReadToEnd();
        entry.Delete();
        var manifest = JsonNode.Parse(text)!.AsObject();
        edit(manifest);
        using var writer = new StreamWriter(zip.CreateEntry("manifest.json").Open());
        writer.Write(manifest.ToJsonString());
    }
}
