namespace DeepLearning.Host.Tests.Support;

/// <summary>What a finished program left behind.</summary>
/// <param name="ExitCode">Its exit status.</param>
/// <param name="StdOut">Standard output.</param>
/// <param name="StdErr">Standard error.</param>
public sealed record ProcessResult(int ExitCode, string StdOut, string StdErr)
{
    /// <summary>The whole result, so a failed assertion shows what the program said.</summary>
    public override string ToString() => $"exit code {ExitCode}\n--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";
}
