namespace DeepLearning.Trainers;

/// <summary>Named files a saved model is made of (entries of the bundle's zip under the model's folder, or bytes in
/// memory). A model may write several: a network writes its architecture as JSON and its weights as raw floats.</summary>
public interface IModelEntries
{
    /// <summary>A new entry to write; the caller disposes it.</summary>
    Stream Create(string name);

    /// <summary>An existing entry to read; throws <see cref="InvalidDataException"/> naming it when it is missing.</summary>
    Stream Open(string name);
}

/// <summary>Entries held in memory (tests, copies between processes).</summary>
public sealed class MemoryModelEntries : IModelEntries
{
    private readonly Dictionary<string, byte[]> entries = [];

    /// <summary>The names written so far.</summary>
    public IReadOnlyCollection<string> Names => entries.Keys;

    /// <inheritdoc />
    public Stream Create(string name) => new Entry(bytes => entries[name] = bytes);

    /// <inheritdoc />
    public Stream Open(string name) => entries.TryGetValue(name, out var bytes)
        ? new MemoryStream(bytes, writable: false)
        : throw new InvalidDataException($"the saved model has no entry '{name}'");

    /// <summary>A memory stream that stores its bytes when disposed.</summary>
    private sealed class Entry(Action<byte[]> store) : MemoryStream
    {
        protected override void Dispose(bool disposing)
        {
            if (disposing) store(ToArray());
            base.Dispose(disposing);
        }
    }
}
