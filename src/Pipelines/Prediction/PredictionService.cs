using DeepLearning.Pipelines.Bundle;
using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Registry;

namespace DeepLearning.Pipelines.Prediction;

/// <summary>Thread-safe predictions for a service: on one bundle, or on a registry model's champion with hot
/// reload. When the champion changes (<c>champion.json</c> is replaced), the new version is loaded on the side and
/// swapped in atomically; calls already running finish on the model they started with, and no call fails during the
/// swap. A version that cannot be loaded leaves the previous model serving and is reported through
/// <see cref="LastReloadError"/> and <see cref="Reloaded"/>.</summary>
public sealed class PredictionService : IDisposable
{
    // A file system watcher can miss events (network file systems, overflow, a rename across folders), so calls
    // also look at champion.json's write time, at most this often: one stat per second is negligible next to a call.
    private static readonly long PollIntervalMs = 1000;

    private readonly ModelRegistry? registry;
    private readonly string? championPath;
    private readonly FileSystemWatcher? watcher;
    private readonly Lock reloadLock = new();
    private volatile Slot current;
    private long nextPollAt;
    private DateTime championWrittenAt;
    private volatile Exception? lastReloadError;
    private int disposed;

    private PredictionService(Slot first, ModelRegistry? registry)
    {
        current = first;
        this.registry = registry;
        if (registry is null) return;
        championPath = Path.Combine(registry.Folder, "champion.json");
        championWrittenAt = File.GetLastWriteTimeUtc(championPath);
        nextPollAt = Environment.TickCount64 + PollIntervalMs;
        watcher = new FileSystemWatcher(registry.Folder, "champion.json")
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.CreationTime,
        };
        // The registry replaces champion.json by renaming a temp file onto it, which is a Renamed event here.
        watcher.Changed += (_, _) => ReloadInBackground();
        watcher.Created += (_, _) => ReloadInBackground();
        watcher.Renamed += (_, _) => ReloadInBackground();
        watcher.EnableRaisingEvents = true;
    }

    /// <summary>Raised after each reload attempt (success or failure), on a background thread.</summary>
    public event EventHandler<ModelReloadedEventArgs>? Reloaded;

    /// <summary>Serves the bundle at <paramref name="path"/> (no reload).</summary>
    /// <exception cref="ModelException">The bundle cannot be loaded.</exception>
    public static PredictionService ForBundle(string path) => new(new Slot(PipelineModel.Load(path), null), null);

    /// <summary>Serves the champion of model <paramref name="name"/> in the registry at <paramref name="registryRoot"/>,
    /// following promotions and rollbacks.</summary>
    /// <exception cref="RegistryException">No such model, or it has no champion yet.</exception>
    /// <exception cref="ModelException">The champion's bundle cannot be loaded.</exception>
    public static PredictionService ForChampion(string registryRoot, string name)
    {
        var registry = ModelRegistry.Open(registryRoot, name, create: false);
        var champion = registry.Champion() ?? throw new RegistryException($"'{name}' in {registryRoot} has no champion yet; train one with `dlp train SPEC --registry {registryRoot}`");
        return new PredictionService(new Slot(PipelineModel.Load(registry.Version(champion.Version).BundlePath), champion.Version), registry);
    }

    /// <summary>The model serving now (a later call may see a newer one).</summary>
    public PipelineModel Model => current.Model;

    /// <summary>The registry version serving now; null for a plain bundle.</summary>
    public int? Version => current.Version;

    /// <summary>Why the last reload failed, or null when the last reload succeeded (or none was tried).</summary>
    public Exception? LastReloadError => lastReloadError;

    /// <summary>Predicts one row given as column name → value.</summary>
    public PredictionResult Predict(IReadOnlyDictionary<string, object?> row) => Use(m => m.Predict(row));

    /// <summary>Predicts rows given as column name → value.</summary>
    public IReadOnlyList<PredictionResult> Predict(IEnumerable<IReadOnlyDictionary<string, object?>> rows) => Use(m => m.Predict(rows));

    /// <summary>Predicts every row of <paramref name="table"/>.</summary>
    public IReadOnlyList<PredictionResult> Predict(DataTable table) => Use(m => m.Predict(table));

    /// <summary>Predicts one row given as an object whose properties are named like the input columns; the type is
    /// checked against the model's input schema at its first use (and again after a reload).</summary>
    public PredictionResult Predict<TInput>(TInput row) where TInput : notnull => Use(m => m.Predict(row));

    /// <summary>Runs <paramref name="call"/> on the current model, holding it so that a concurrent swap cannot
    /// release it mid-call.</summary>
    public T Use<T>(Func<PipelineModel, T> call)
    {
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        PollChampion();
        var slot = Acquire();
        try
        {
            return call(slot.Model);
        }
        finally
        {
            slot.Release();
        }
    }

    /// <summary>Loads the champion now if it differs from the model serving; returns whether a new model was swapped in.
    /// A failure is recorded in <see cref="LastReloadError"/> (and raised through <see cref="Reloaded"/>), not thrown:
    /// the service keeps serving the previous model.</summary>
    public bool Reload()
    {
        if (registry is null) return false;
        lock (reloadLock)
        {
            if (disposed != 0) return false;
            int version = 0;
            try
            {
                championWrittenAt = File.GetLastWriteTimeUtc(championPath!);
                var champion = registry.Champion();
                if (champion is null || champion.Version == current.Version) return false;
                version = champion.Version;
                var model = PipelineModel.Load(registry.Version(version).BundlePath);
                var old = Interlocked.Exchange(ref current, new Slot(model, version));
                // The owner's reference: the old model is released once the calls holding it end.
                old.Release();
                lastReloadError = null;
            }
            // A service must keep answering with the model it has when a promoted bundle is broken or champion.json
            // is unreadable; the error is not swallowed but kept and raised for the host to log and alert on.
            catch (Exception e) when (e is ModelException or RegistryException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
            {
                lastReloadError = e;
                Reloaded?.Invoke(this, new ModelReloadedEventArgs(version, e));
                return false;
            }
            Reloaded?.Invoke(this, new ModelReloadedEventArgs(version, null));
            return true;
        }
    }

    /// <summary>Stops watching; the model is released once calls in flight end.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        watcher?.Dispose();
        lock (reloadLock) current.Release();
    }

    private Slot Acquire()
    {
        while (true)
        {
            var slot = current;
            if (slot.TryAcquire()) return slot;
            // Swapped and fully released between the read and the acquire: the field already holds the newer slot.
        }
    }

    private void PollChampion()
    {
        if (registry is null) return;
        long now = Environment.TickCount64;
        long due = Interlocked.Read(ref nextPollAt);
        // One caller per interval does the stat; the others go straight on.
        if (now < due || Interlocked.CompareExchange(ref nextPollAt, now + PollIntervalMs, due) != due) return;
        DateTime written;
        try
        {
            written = File.GetLastWriteTimeUtc(championPath!);
        }
        catch (IOException)
        {
            return; // Being replaced right now; the watcher or the next poll sees the result.
        }
        if (written != championWrittenAt) ReloadInBackground();
    }

    private void ReloadInBackground()
    {
        // Loading takes tens of milliseconds; no prediction call waits for it.
        if (disposed == 0) ThreadPool.QueueUserWorkItem(_ => Reload());
    }

    /// <summary>A model with a reference count: one for the service while it is current, one per call using it.</summary>
    private sealed class Slot(PipelineModel model, int? version)
    {
        private int references = 1;

        public PipelineModel Model { get; } = model;
        public int? Version { get; } = version;

        public bool TryAcquire()
        {
            while (true)
            {
                int seen = Volatile.Read(ref references);
                if (seen == 0) return false;
                if (Interlocked.CompareExchange(ref references, seen + 1, seen) == seen) return true;
            }
        }

        public void Release()
        {
            if (Interlocked.Decrement(ref references) == 0) Model.ReleaseResources();
        }
    }
}
