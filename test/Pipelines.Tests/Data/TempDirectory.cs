using DeepLearning.Pipelines.Data;

namespace DeepLearning.Pipelines.Tests.Data;

/// <summary>A folder of small data files for one test, deleted with everything in it when the test ends.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string FullPath { get; } = Directory.CreateTempSubdirectory("dlp-data-tests-").FullName;

    /// <summary>Writes <paramref name="content"/> as UTF-8 (no byte-order mark) and returns the file's path.</summary>
    public string Write(string name, string content)
    {
        var path = Path.Combine(FullPath, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(FullPath, recursive: true);

    /// <summary>Read options with the spec's defaults (auto separator, header, default missing tokens, keep).</summary>
    public static ReadOptions Defaults { get; } = ReadOptions.From(new Pipelines.Spec.DataSpec());
}
