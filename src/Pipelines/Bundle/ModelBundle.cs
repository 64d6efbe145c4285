using System.IO.Compression;
using System.Text.Json;
using DeepLearning.Pipelines.Prediction;
using DeepLearning.Pipelines.Spec;
using DeepLearning.Trainers;
using DeepLearning.Trainers.Reinforcement.Policies;
using Microsoft.ML;

namespace DeepLearning.Pipelines.Bundle;

/// <summary>Reads and writes the model bundle: one zip holding <c>manifest.json</c>, <c>mlnet.zip</c> (the ML.NET
/// transformer chain) and, for this library's own models, their folder: <c>torch/</c> for a network (architecture JSON
/// and raw weights), <c>heads/&lt;kind&gt;/</c> for the others; a reinforcement-learning bundle holds
/// <c>manifest.json</c> and <c>policy/&lt;kind&gt;.json</c>. Writes are atomic: a temp file in the same folder, then
/// a rename, so a crash never leaves a half-written bundle where a model is expected.</summary>
public static class ModelBundle
{
    private const string ManifestEntry = "manifest.json";
    private const string MlNetEntry = "mlnet.zip";
    private const string LinearEntry = "compiled/linear.json";

    /// <summary>Writes a bundle to <paramref name="path"/>, replacing any file there only once complete; with
    /// <paramref name="linear"/>, the model's compiled arithmetic goes into <c>compiled/linear.json</c>.</summary>
    public static void Write(string path, ModelManifest manifest, MLContext ml, ITransformer chain, DataViewSchema inputSchema, IPortableTransformer? head, LinearForm? linear = null) =>
        WriteAtomically(path, zip =>
        {
            using (var entry = zip.CreateEntry(ManifestEntry).Open())
                JsonSerializer.Serialize(entry, manifest, BundleJson.Options);
            using (var entry = zip.CreateEntry(MlNetEntry, CompressionLevel.NoCompression).Open())
            using (var buffer = new MemoryStream())
            {
                ml.Model.Save(chain, inputSchema, buffer);
                buffer.Position = 0;
                buffer.CopyTo(entry);
            }
            if (head is not null) head.SaveTo(new ZipEntries(zip, manifest.Head!.Entry, path));
            if (linear is not null)
                using (var entry = new StreamWriter(zip.CreateEntry(LinearEntry).Open()))
                    entry.Write(linear.ToJson());
        });

    /// <summary>The compiled arithmetic of a linear regression bundle (<c>compiled/linear.json</c>), or null: none was
    /// written, it was written under another ML.NET version, or it cannot be read (the model then scores through
    /// ML.NET, which is always right).</summary>
    public static LinearForm? ReadLinear(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            if (zip.GetEntry(LinearEntry) is not { } entry) return null;
            // A bundle newer than this program is reported by the manifest's reader.
            if (zip.GetEntry(ManifestEntry) is not { } manifest) return null;
            using (var manifestStream = manifest.Open())
            using (var document = JsonDocument.Parse(manifestStream))
                if (!document.RootElement.TryGetProperty("format_version", out var version) || !version.TryGetInt32(out var format) || format > ModelManifest.CurrentFormat)
                    return null;
            using var stream = entry.Open();
            var form = LinearForm.FromJson(stream);
            return form.Mlnet == LinearFastPath.MlNetVersion ? form : null;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or JsonException or UnauthorizedAccessException
            or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Writes a reinforcement-learning bundle: the manifest and the policy at <c>manifest.Reinforcement.Policy.Entry</c>.</summary>
    public static void WritePolicy(string path, ModelManifest manifest, IPolicy policy)
    {
        var info = manifest.Reinforcement ?? throw new ArgumentException("a policy bundle's manifest needs its reinforcement section");
        WriteAtomically(path, zip =>
        {
            using (var entry = zip.CreateEntry(ManifestEntry).Open())
                JsonSerializer.Serialize(entry, manifest, BundleJson.Options);
            using (var entry = zip.CreateEntry(info.Policy.Entry).Open())
                policy.SaveTo(entry);
        });
    }

    private static void WriteAtomically(string path, Action<ZipArchive> fill)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew))
            using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
                fill(zip);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Reads a reinforcement-learning bundle: the manifest and the policy.</summary>
    public static (ModelManifest Manifest, IPolicy Policy) ReadPolicy(string path)
    {
        using var zip = OpenZip(path);
        var manifest = ReadManifest(zip, path);
        if (manifest.Task != MlTask.Reinforcement || manifest.Reinforcement is not { } info)
            throw new ModelException(path, $"a {SnakeCase.Of(manifest.Task)} model, not a reinforcement-learning policy; load it with PipelineModel.Load");
        var entry = zip.GetEntry(info.Policy.Entry) ?? throw new ModelException(path, $"the bundle has no {info.Policy.Entry}; it is damaged");
        try
        {
            using var stream = entry.Open();
            return (manifest, Policies.Load(info.Policy.Kind, stream));
        }
        catch (Exception e) when (e is InvalidDataException or JsonException)
        {
            throw new ModelException(path, $"{info.Policy.Entry} cannot be read: {e.Message}", e);
        }
    }

    /// <summary>The task of the bundle at <paramref name="path"/>, read without the rest of the manifest (it is what
    /// decides how a bundle is used, and reading a whole manifest costs a cold start more than a hundred milliseconds).</summary>
    public static MlTask ReadTask(string path)
    {
        using var zip = OpenZip(path);
        using var document = ManifestDocument(zip, path);
        if (document.RootElement.TryGetProperty("task", out var task) && task.ValueKind == JsonValueKind.String)
            foreach (var known in Enum.GetValues<MlTask>())
                if (SnakeCase.Of(known) == task.GetString()) return known;
        return Deserialize(document, path).Task; // the full reader says what is wrong
    }

    /// <summary>Reads only the manifest (cheap: no model is loaded).</summary>
    public static ModelManifest ReadManifest(string path)
    {
        using var zip = OpenZip(path);
        return ReadManifest(zip, path);
    }

    /// <summary>Hands manifest.json of the bundle at <paramref name="path"/> to <paramref name="read"/> as parsed JSON, its
    /// format checked but not deserialized: for readers of a few values (see <see cref="ManifestElements"/>), which a
    /// fresh process reads in a fraction of the time a whole <see cref="ModelManifest"/> takes. A
    /// <see cref="JsonException"/> from <paramref name="read"/> becomes the same <see cref="ModelException"/> as a
    /// manifest the full reader rejects.</summary>
    public static void ReadManifestJson(string path, Action<JsonElement> read)
    {
        using var zip = OpenZip(path);
        using var document = ManifestDocument(zip, path);
        try
        {
            read(document.RootElement);
        }
        catch (JsonException e)
        {
            throw Mismatch(path, document, e);
        }
    }

    /// <summary>Reads the manifest, the ML.NET chain and the head.</summary>
    public static (ModelManifest Manifest, ITransformer Chain, IPortableTransformer? Head) Read(string path, MLContext ml)
    {
        using var zip = OpenZip(path);
        var manifest = ReadManifest(zip, path);
        if (manifest.Task == MlTask.Reinforcement)
            throw new ModelException(path, "a reinforcement-learning policy, not a model of data rows: load it with PolicyModel.Load (dlp evaluate MODEL --episodes N, dlp predict MODEL --state …)");
        var mlnet = zip.GetEntry(MlNetEntry) ?? throw new ModelException(path, $"the bundle has no {MlNetEntry}; it is damaged");
        ITransformer chain;
        try
        {
            using var buffer = new MemoryStream();
            using (var entry = mlnet.Open()) entry.CopyTo(buffer);
            buffer.Position = 0;
            chain = ml.Model.Load(buffer, out _);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or InvalidOperationException)
        {
            throw new ModelException(path, $"{MlNetEntry} cannot be read: {e.Message}", e);
        }
        IPortableTransformer? head = null;
        if (manifest.Head is { } info)
        {
            try
            {
                head = PortableTransformers.Load(info.Kind, new ZipEntries(zip, info.Entry, path));
            }
            catch (Exception e) when (e is InvalidDataException or JsonException or EndOfStreamException)
            {
                throw new ModelException(path, $"the {info.Kind} model under {info.Entry} cannot be read: {e.Message}", e);
            }
        }
        return (manifest, chain, head);
    }

    private static ZipArchive OpenZip(string path)
    {
        if (!File.Exists(path)) throw new ModelException(path, "model file not found");
        try
        {
            return ZipFile.OpenRead(path);
        }
        catch (InvalidDataException e)
        {
            throw new ModelException(path, "not a model bundle (not a zip file); give a file written by `dlp train`", e);
        }
    }

    private static ModelManifest ReadManifest(ZipArchive zip, string path)
    {
        using var document = ManifestDocument(zip, path);
        return Deserialize(document, path);
    }

    /// <summary>manifest.json parsed, its format checked: readable by this program.</summary>
    private static JsonDocument ManifestDocument(ZipArchive zip, string path)
    {
        var entry = zip.GetEntry(ManifestEntry) ?? throw new ModelException(path, $"not a model bundle: it has no {ManifestEntry}");
        using var stream = entry.Open();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream);
        }
        catch (JsonException e)
        {
            throw new ModelException(path, $"{ManifestEntry} is not valid JSON: {e.Message}", e);
        }
        if (!document.RootElement.TryGetProperty("format_version", out var version) || !version.TryGetInt32(out var format))
        {
            document.Dispose();
            throw new ModelException(path, $"{ManifestEntry} has no format_version; it is damaged");
        }
        if (format > ModelManifest.CurrentFormat)
        {
            document.Dispose();
            throw new ModelException(path, $"the bundle has format {format}, newer than this program reads ({ModelManifest.CurrentFormat}); upgrade dlp to load it");
        }
        return document;
    }

    private static ModelManifest Deserialize(JsonDocument document, string path)
    {
        try
        {
            return document.Deserialize<ModelManifest>(BundleJson.Options)
                ?? throw new ModelException(path, $"{ManifestEntry} is empty");
        }
        catch (JsonException e)
        {
            throw Mismatch(path, document, e);
        }
    }

    private static ModelException Mismatch(string path, JsonDocument document, JsonException e) =>
        new(path, $"{ManifestEntry} does not match format {document.RootElement.GetProperty("format_version").GetInt32()}: {e.Message}", e);

    /// <summary>The entries of a model under <paramref name="folder"/> in the bundle's zip.</summary>
    private sealed class ZipEntries(ZipArchive zip, string folder, string path) : IModelEntries
    {
        public Stream Create(string name) => zip.CreateEntry(folder + name).Open();

        public Stream Open(string name) => (zip.GetEntry(folder + name)
            ?? throw new ModelException(path, $"the bundle has no {folder + name}; it is damaged")).Open();
    }
}
