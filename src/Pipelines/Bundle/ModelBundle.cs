using System.IO.Compression;
using System.Text.Json;
using DeepLearning.Trainers;
using Microsoft.ML;

namespace DeepLearning.Pipelines.Bundle;

/// <summary>Reads and writes the model bundle: one zip holding <c>manifest.json</c>, <c>mlnet.zip</c> (the ML.NET
/// transformer chain) and, for this library's own models, their folder: <c>torch/</c> for a network (architecture JSON
/// and raw weights), <c>heads/&lt;kind&gt;/</c> for the others. Writes are atomic: a temp file in the
/// same folder, then a rename, so a crash never leaves a half-written bundle where a model is expected.</summary>
public static class ModelBundle
{
    private const string ManifestEntry = "manifest.json";
    private const string MlNetEntry = "mlnet.zip";

    /// <summary>Writes a bundle to <paramref name="path"/>, replacing any file there only once complete.</summary>
    public static void Write(string path, ModelManifest manifest, MLContext ml, ITransformer chain, DataViewSchema inputSchema, IPortableTransformer? head)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew))
            using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
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
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Reads only the manifest (cheap: no model is loaded).</summary>
    public static ModelManifest ReadManifest(string path)
    {
        using var zip = OpenZip(path);
        return ReadManifest(zip, path);
    }

    /// <summary>Reads the manifest, the ML.NET chain and the head.</summary>
    public static (ModelManifest Manifest, ITransformer Chain, IPortableTransformer? Head) Read(string path, MLContext ml)
    {
        using var zip = OpenZip(path);
        var manifest = ReadManifest(zip, path);
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
        using (document)
        {
            if (!document.RootElement.TryGetProperty("format_version", out var version) || !version.TryGetInt32(out var format))
                throw new ModelException(path, $"{ManifestEntry} has no format_version; it is damaged");
            if (format > ModelManifest.CurrentFormat)
                throw new ModelException(path, $"the bundle has format {format}, newer than this program reads ({ModelManifest.CurrentFormat}); upgrade dlp to load it");
            try
            {
                return document.Deserialize<ModelManifest>(BundleJson.Options)
                    ?? throw new ModelException(path, $"{ManifestEntry} is empty");
            }
            catch (JsonException e)
            {
                throw new ModelException(path, $"{ManifestEntry} does not match format {format}: {e.Message}", e);
            }
        }
    }

    /// <summary>The entries of a model under <paramref name="folder"/> in the bundle's zip.</summary>
    private sealed class ZipEntries(ZipArchive zip, string folder, string path) : IModelEntries
    {
        public Stream Create(string name) => zip.CreateEntry(folder + name).Open();

        public Stream Open(string name) => (zip.GetEntry(folder + name)
            ?? throw new ModelException(path, $"the bundle has no {folder + name}; it is damaged")).Open();
    }
}
