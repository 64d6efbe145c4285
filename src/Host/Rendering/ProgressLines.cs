namespace DeepLearning.Host.Rendering;

/// <summary>Progress lines on standard error, so standard output stays clean for tables and JSON.</summary>
public sealed class ProgressLines(bool quiet) : IProgress<string>
{
    private readonly DateTime start = DateTime.UtcNow;

    /// <inheritdoc />
    public void Report(string value)
    {
        if (!quiet) Console.Error.WriteLine($"[{(DateTime.UtcNow - start).TotalSeconds,6:F1}s] {value}");
    }
}
