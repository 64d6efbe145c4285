namespace DeepLearning.Pipelines.Tests;

/// <summary>Paths inside the repository, found from the test assembly's folder.</summary>
public static class Repo
{
    /// <summary>The folder holding DeepLearning.Pipelines.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A shipped data set file, e.g. Dataset("iris/iris.csv").</summary>
    public static string Dataset(string relative) => Path.Combine(Root, "datasets", relative);

    /// <summary>An example spec.</summary>
    public static string Example(string name) => Path.Combine(Root, "examples", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DeepLearning.Pipelines.sln"))) return dir.FullName;
        throw new InvalidOperationException("DeepLearning.Pipelines.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A temp folder deleted at dispose.</summary>
public sealed class TempDir : IDisposable
{
    /// <summary>The folder.</summary>
    public string Path { get; } = Directory.CreateTempSubdirectory("dlp-test-").FullName;

    /// <summary>A path inside the folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(Path, recursive: true);
}
