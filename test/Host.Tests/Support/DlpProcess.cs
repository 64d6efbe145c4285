using System.Diagnostics;

namespace DeepLearning.Host.Tests.Support;

/// <summary>Runs the real <c>dlp</c> program (or another built .NET program) as a subprocess, as users and batch
/// jobs do, so the tests see the true exit codes, streams and files rather than an in-process imitation.</summary>
public static class DlpProcess
{
    /// <summary>Generous for the small data sets: a hang fails the test instead of the whole run.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Runs <c>dotnet dlp.dll ARGS</c> in <paramref name="workingDir"/>.</summary>
    public static ProcessResult Run(IEnumerable<string> args, string workingDir, TimeSpan? timeout = null) =>
        RunDll(RepoPaths.DlpDll, args, workingDir, timeout);

    /// <summary>Runs <c>dotnet DLL ARGS</c> in <paramref name="workingDir"/>.</summary>
    public static ProcessResult RunDll(string dll, IEnumerable<string> args, string workingDir, TimeSpan? timeout = null)
    {
        Assert.IsTrue(File.Exists(dll), $"{dll} is not built");
        // The same dotnet host that runs the tests (the SDK sets DOTNET_HOST_PATH), else the one on PATH.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // Plain text: no colour codes in what the assertions read.
        start.Environment["NO_COLOR"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using var process = Process.Start(start)!;
        // Read both streams concurrently: a full pipe on one would block the child forever.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? DefaultTimeout;
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"dotnet {Path.GetFileName(dll)} {string.Join(' ', args)} did not finish within {limit.TotalSeconds}s\n--- stdout ---\n{stdout.Result}\n--- stderr ---\n{stderr.Result}");
        }
        process.WaitForExit(); // lets the stream reads reach the end
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
