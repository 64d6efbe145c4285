namespace DeepLearning.Host.Tests.Support;

/// <summary>Where the repository's examples, data sets and built programs are, found from the test assembly.</summary>
public static class RepoPaths
{
    private const string Solution = "DeepLearning.Pipelines.sln";

    /// <summary>The folder holding the solution file.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>examples/.</summary>
    public static string Examples => Path.Combine(Root, "examples");

    /// <summary>datasets/.</summary>
    public static string Datasets => Path.Combine(Root, "datasets");

    /// <summary>The <c>dlp</c> program: the Host project reference copies it next to the test assembly.</summary>
    public static string DlpDll => Path.Combine(AppContext.BaseDirectory, "dlp.dll");

    /// <summary>The line-of-business service example, built like the embedding example.</summary>
    public static string ScreeningServiceDll
    {
        get
        {
            var outputFolder = Path.GetRelativePath(Path.Combine(Root, "test", "Host.Tests"), AppContext.BaseDirectory);
            return Path.Combine(Examples, "CancerScreeningService", outputFolder, "CancerScreeningService.dll");
        }
    }

    /// <summary>The embedding example, built with the same configuration, framework and runtime as these tests
    /// (its project is referenced for the build order only, so its output stays in its own bin folder).</summary>
    public static string EmbeddingDll
    {
        get
        {
            var outputFolder = Path.GetRelativePath(Path.Combine(Root, "test", "Host.Tests"), AppContext.BaseDirectory);
            return Path.Combine(Examples, "Embedding", outputFolder, "Embedding.dll");
        }
    }

    /// <summary>A file under datasets/, e.g. <c>Dataset("iris", "iris.csv")</c>.</summary>
    public static string Dataset(params string[] parts) => Path.Combine([Datasets, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, Solution))) return dir.FullName;
        throw new InvalidOperationException($"no {Solution} above {AppContext.BaseDirectory}");
    }
}
