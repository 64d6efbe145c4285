using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using DeepLearning.Pipelines.Bundle;

namespace DeepLearning.Pipelines.Registry;

/// <summary>One version in a registry.</summary>
/// <param name="Number">Version number, from 1.</param>
/// <param name="BundlePath">Its model bundle.</param>
/// <param name="Manifest">The bundle's manifest.</param>
/// <param name="Verdict">The promotion verdict given when it was trained, if any.</param>
public sealed record RegistryVersion(int Number, string BundlePath, ModelManifest Manifest, PromotionVerdict? Verdict);

/// <summary>The champion pointer and its history (champion.json).</summary>
/// <param name="Version">The current champion.</param>
/// <param name="History">Every promotion, oldest first.</param>
public sealed record ChampionRecord(int Version, IReadOnlyList<ChampionChange> History);

/// <summary>One change of champion.</summary>
/// <param name="Version">The version that became champion.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Reason">Why.</param>
public sealed record ChampionChange(int Version, DateTimeOffset At, string Reason);

/// <summary>Models on the file system, one folder per model name:
/// <c>ROOT/NAME/versions/0001/model.zip</c> (+ <c>verdict.json</c>), <c>ROOT/NAME/champion.json</c>, <c>ROOT/NAME/.lock</c>.
/// Versions are immutable once written; every write is a temp file or folder renamed into place, so a process
/// killed at any point leaves the previous state intact and the champion loadable.</summary>
public sealed partial class ModelRegistry
{
    private const string ChampionFile = "champion.json";

    private ModelRegistry(string folder, string name)
    {
        Folder = folder;
        Name = name;
    }

    /// <summary>The model's folder.</summary>
    public string Folder { get; }

    /// <summary>The model's name.</summary>
    public string Name { get; }

    private string VersionsFolder => Path.Combine(Folder, "versions");

    /// <summary>Opens (creating when <paramref name="create"/>) the model <paramref name="name"/> under <paramref name="root"/>.
    /// Names are letters, digits, '.', '_' and '-', so no name can reach outside the registry.</summary>
    public static ModelRegistry Open(string root, string name, bool create)
    {
        if (!SafeName().IsMatch(name) || name.Contains(".."))
            throw new RegistryException($"'{name}' cannot name a registry model: use letters, digits, '.', '_' and '-' (not starting with '.' and without '..')");
        var folder = Path.Combine(Path.GetFullPath(root), name);
        if (!create && !Directory.Exists(folder))
            throw new RegistryException($"the registry {root} has no model '{name}'{(Directory.Exists(root) ? $"; it has: {string.Join(", ", Directory.GetDirectories(root).Select(Path.GetFileName).Order())}" : "")}");
        Directory.CreateDirectory(Path.Combine(folder, "versions"));
        return new ModelRegistry(folder, name);
    }

    /// <summary>Model names under <paramref name="root"/>.</summary>
    public static IReadOnlyList<string> Names(string root) =>
        Directory.Exists(root) ? Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>().Where(n => SafeName().IsMatch(n)).Order().ToList() : [];

    /// <summary>Takes the model's training lock (an OS file lock: released even when the process is killed).</summary>
    public IDisposable Lock()
    {
        var path = Path.Combine(Folder, ".lock");
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new RegistryException($"another training of '{Name}' holds the lock {path}; wait for it to finish (a lock is released when its process ends)");
        }
    }

    /// <summary>Removes what a killed process left half-done (staged bundles and folders); call under the lock.</summary>
    public void RemoveLeftovers()
    {
        // A bundle being written is a temp file beside its target (".<name>.<guid>.tmp"), then the staged ".incoming-*".
        foreach (var file in Directory.GetFiles(VersionsFolder).Where(f => Path.GetFileName(f).StartsWith('.'))) File.Delete(file);
        foreach (var dir in Directory.GetDirectories(VersionsFolder, ".staging-*").Concat(Directory.GetDirectories(VersionsFolder, ".deleting-*")))
            Directory.Delete(dir, recursive: true);
        foreach (var file in Directory.GetFiles(Folder, "*.tmp")) File.Delete(file);
    }

    /// <summary>All versions, oldest first.</summary>
    public IReadOnlyList<RegistryVersion> Versions() =>
        Directory.GetDirectories(VersionsFolder)
            .Select(d => (Dir: d, Ok: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var n), N: n))
            .Where(x => x.Ok && File.Exists(Path.Combine(x.Dir, "model.zip")))
            .OrderBy(x => x.N)
            .Select(x => Read(x.N, x.Dir))
            .ToList();

    /// <summary>Version <paramref name="number"/>.</summary>
    public RegistryVersion Version(int number)
    {
        var dir = Path.Combine(VersionsFolder, Format(number));
        if (!File.Exists(Path.Combine(dir, "model.zip")))
            throw new RegistryException($"'{Name}' has no version {number}; it has: {string.Join(", ", Versions().Select(v => v.Number))}");
        return Read(number, dir);
    }

    /// <summary>The champion pointer, or null before the first promotion.</summary>
    public ChampionRecord? Champion()
    {
        var path = Path.Combine(Folder, ChampionFile);
        return File.Exists(path) ? JsonSerializer.Deserialize<ChampionRecord>(File.ReadAllText(path), BundleJson.Options) : null;
    }

    /// <summary>Moves a finished bundle in as the next version (the move is the commit point) and returns its number.</summary>
    public int Add(string bundlePath, Func<int, PromotionVerdict>? verdict = null)
    {
        // Numbers are never reused, even for a folder that is no complete version, so a version's name stays its identity.
        int number = Directory.GetDirectories(VersionsFolder).Select(Path.GetFileName)
            .Select(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
            .DefaultIfEmpty(0).Max() + 1;
        var staging = Path.Combine(VersionsFolder, $".staging-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            File.Move(bundlePath, Path.Combine(staging, "model.zip"));
            if (verdict is not null) WriteJson(Path.Combine(staging, "verdict.json"), verdict(number));
            Directory.Move(staging, Path.Combine(VersionsFolder, Format(number)));
            return number;
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Makes <paramref name="number"/> the champion.</summary>
    public void Promote(int number, string reason)
    {
        Version(number);
        var history = Champion()?.History ?? [];
        WriteJson(Path.Combine(Folder, ChampionFile), new ChampionRecord(number, history.Append(new ChampionChange(number, DateTimeOffset.UtcNow, reason)).ToList()));
    }

    /// <summary>Makes the champion before the current one champion again; returns its number.</summary>
    public int Rollback()
    {
        var champion = Champion() ?? throw new RegistryException($"'{Name}' has no champion to roll back");
        var previous = champion.History.Select(h => h.Version).Where(v => v != champion.Version).LastOrDefault();
        if (previous == 0) throw new RegistryException($"'{Name}' has had only one champion (version {champion.Version}); nothing to roll back to");
        Promote(previous, $"rollback from version {champion.Version}");
        return previous;
    }

    /// <summary>Deletes versions older than the newest <paramref name="keep"/>, never the champion; returns those deleted.</summary>
    public IReadOnlyList<int> CollectGarbage(int keep)
    {
        if (keep < 1) throw new RegistryException($"--keep must be at least 1, received {keep}");
        var champion = Champion()?.Version;
        var doomed = Versions().Select(v => v.Number).OrderDescending().Skip(keep).Where(v => v != champion).ToList();
        foreach (var number in doomed)
        {
            // Rename first so a half-deleted folder never looks like a version.
            var dir = Path.Combine(VersionsFolder, Format(number));
            var trash = Path.Combine(VersionsFolder, $".deleting-{Format(number)}-{Guid.NewGuid():N}");
            Directory.Move(dir, trash);
            Directory.Delete(trash, recursive: true);
        }
        return doomed;
    }

    /// <summary>A temp path in the registry for a bundle being written (same file system, so the later move is atomic).</summary>
    public string StagingBundlePath() => Path.Combine(VersionsFolder, $".incoming-{Guid.NewGuid():N}.zip");

    private static RegistryVersion Read(int number, string dir)
    {
        var verdict = Path.Combine(dir, "verdict.json");
        return new RegistryVersion(number, Path.Combine(dir, "model.zip"), ModelBundle.ReadManifest(Path.Combine(dir, "model.zip")),
            File.Exists(verdict) ? JsonSerializer.Deserialize<PromotionVerdict>(File.ReadAllText(verdict), BundleJson.Options) : null);
    }

    private static void WriteJson<T>(string path, T value)
    {
        var temp = path + $".{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(value, BundleJson.Options));
        File.Move(temp, path, overwrite: true);
    }

    private static string Format(int number) => number.ToString("D4", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex SafeName();
}
