namespace DeepLearning.Pipelines.Tests.Spec;

/// <summary>Finds files of the repository (examples, data sets) from the test's output folder.</summary>
internal static class RepositoryFiles
{
    /// <summary>The folder holding DeepLearning.Pipelines.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DeepLearning.Pipelines.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"no DeepLearning.Pipelines.sln above {AppContext.BaseDirectory}");
    }
}
