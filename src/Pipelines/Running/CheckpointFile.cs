using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Spec;
using DeepLearning.Trainers.Training;

namespace DeepLearning.Pipelines.Running;

/// <summary>Checkpoints of a neural trainer's final fit, kept in <c>&lt;model&gt;.checkpoint</c> next to the output
/// bundle. The file records which spec and data it belongs to, so a resume cannot silently continue another job.</summary>
public sealed class CheckpointFile : ICheckpointStore
{
    /// <summary>Spec keys a resume may change: more epochs continue a run, and how often it saves does not alter it.
    /// (A schedule that depends on the planned epochs, such as cosine, follows the new plan from the resumed epoch.)</summary>
    public static readonly IReadOnlyList<string> ResumableKeys = ["trainer.epochs", "trainer.checkpoint_every"];

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // A best loss may be infinite before any epoch improved on it; JSON has no literal for that otherwise.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly JsonNode spec;
    private readonly string specHash;
    private readonly DataTable data;
    private readonly bool resume;
    private Checkpoint? loaded;
    private bool read;

    /// <summary>The checkpoint file of the bundle at <paramref name="modelPath"/> for <paramref name="spec"/> trained on
    /// <paramref name="data"/>; <paramref name="resume"/>: <see cref="Load"/> reads an existing file (else it returns
    /// null and the run starts over, overwriting it).</summary>
    public CheckpointFile(string modelPath, PipelineSpec spec, DataTable data, bool resume)
    {
        Path = System.IO.Path.GetFullPath(modelPath + ".checkpoint");
        this.spec = Resumable(spec);
        specHash = Sha256(this.spec.ToJsonString());
        this.data = data;
        this.resume = resume;
    }

    /// <summary>The file's path.</summary>
    public string Path { get; }

    /// <summary>Writes <paramref name="checkpoint"/> atomically: a reader (or a crash) never sees half a file.</summary>
    public void Save(Checkpoint checkpoint)
    {
        var content = new JsonObject
        {
            ["format"] = 1,
            ["spec_sha256"] = specHash,
            ["data_sha256"] = data.Sha256,
            ["spec"] = spec.DeepClone(),
            ["checkpoint"] = JsonSerializer.SerializeToNode(checkpoint, Json),
        };
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        Directory.CreateDirectory(directory);
        var temp = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(Path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temp, content.ToJsonString());
            File.Move(temp, Path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>The checkpoint to resume from: null without resume or without a file. Throws
    /// <see cref="SpecException"/> when the file was written for another spec (naming the keys that differ) and
    /// <see cref="DataException"/> when for other training data.</summary>
    public Checkpoint? Load()
    {
        if (read) return loaded;
        read = true;
        if (!resume || !File.Exists(Path)) return null;
        JsonNode file;
        try
        {
            file = JsonNode.Parse(File.ReadAllText(Path)) ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            throw new IOException($"the checkpoint {Path} cannot be read ({e.Message}); delete it to train from scratch", e);
        }
        if ((string?)file["spec_sha256"] != specHash)
        {
            var differ = Differences(file["spec"], spec, "").ToList();
            throw new SpecException(new SpecError(null, differ.FirstOrDefault() ?? "",
                $"the checkpoint {Path} was written for a different spec: {(differ.Count > 0 ? string.Join(", ", differ) : "its resolved spec")} differ(s); " +
                $"a resume may change only {string.Join(" and ", ResumableKeys)}. Restore the spec, or train without --resume to start over"));
        }
        if ((string?)file["data_sha256"] != data.Sha256)
            throw new DataException(data.Source, null, null,
                $"the checkpoint {Path} was written for different training data (SHA-256 {(string?)file["data_sha256"]}, now {data.Sha256}); restore the file, or train without --resume to start over");
        loaded = file["checkpoint"].Deserialize<Checkpoint>(Json) ?? throw new IOException($"the checkpoint {Path} holds no checkpoint");
        return loaded;
    }

    /// <summary>Removes the file (after the bundle it leads to is written).</summary>
    public void Delete()
    {
        if (File.Exists(Path)) File.Delete(Path);
    }

    /// <summary>The resolved spec as JSON without <see cref="ResumableKeys"/>.</summary>
    private static JsonNode Resumable(PipelineSpec spec)
    {
        var node = SpecWriter.Write(spec)!;
        foreach (var key in ResumableKeys)
        {
            var parts = key.Split('.');
            if (node[parts[0]] is JsonObject parent) parent.Remove(parts[1]);
        }
        return node;
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Dotted paths of the values that differ between two spec trees.</summary>
    private static IEnumerable<string> Differences(JsonNode? a, JsonNode? b, string path)
    {
        if (a is JsonObject x && b is JsonObject y)
        {
            foreach (var key in x.Select(p => p.Key).Union(y.Select(p => p.Key)))
                foreach (var d in Differences(x[key], y[key], path.Length == 0 ? key : $"{path}.{key}"))
                    yield return d;
        }
        else if (!JsonNode.DeepEquals(a, b)) yield return path;
    }
}
