namespace DeepLearning.Host.Tests.Support;

/// <summary>A fresh folder per test (tests run in parallel), deleted afterwards; also writes specs and data into it.</summary>
public sealed class TempDir : IDisposable
{
    /// <summary>Creates the folder.</summary>
    public TempDir()
    {
        FullName = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dlp-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(FullName);
    }

    /// <summary>The folder.</summary>
    public string FullName { get; }

    /// <summary>A path inside the folder.</summary>
    public string Path(params string[] parts) => System.IO.Path.Combine([FullName, .. parts]);

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> inside the folder and returns its path.</summary>
    public string Write(string name, string text)
    {
        var path = Path(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Copies examples/<paramref name="example"/> here after replacing each (from, to) pair, then points its
    /// <c>../datasets/</c> paths at the repository's data sets (spec paths are relative to the spec file).
    /// Each <c>from</c> must occur, so a changed example fails loudly rather than silently testing something else.</summary>
    public string CopyExample(string example, params (string From, string To)[] edits)
    {
        var text = File.ReadAllText(System.IO.Path.Combine(RepoPaths.Examples, example));
        foreach (var (from, to) in edits)
        {
            Assert.Contains(from, text, $"examples/{example} no longer holds '{from}'");
            text = text.Replace(from, to);
        }
        text = text.Replace("../datasets/", RepoPaths.Datasets + "/");
        return Write(example, text);
    }

    /// <summary>Every file under <paramref name="folder"/> (relative to this folder), including hidden temp files.</summary>
    public IReadOnlyList<string> FilesUnder(string folder) =>
        Directory.Exists(Path(folder))
            ? Directory.GetFiles(Path(folder), "*", SearchOption.AllDirectories).Select(f => System.IO.Path.GetRelativePath(FullName, f)).ToList()
            : [];

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(FullName, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail a test that passed; the OS cleans /tmp.
        }
    }
}
