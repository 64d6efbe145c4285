using System.Diagnostics;

namespace DeepLearning.Host.Tests.Support;

/// <summary>A running <c>dlp serve … --port 0</c>: started as a subprocess, its URL read from the first line of
/// standard output, killed at dispose.</summary>
public sealed class ServeProcess : IDisposable
{
    private readonly Process process;
    private readonly Task<string> stderr;

    private ServeProcess(Process process, Uri url, Task<string> stderr)
    {
        this.process = process;
        Url = url;
        this.stderr = stderr;
    }

    /// <summary>Where it listens, e.g. http://127.0.0.1:5123/.</summary>
    public Uri Url { get; }

    /// <summary>The process id.</summary>
    public int Id => process.Id;

    /// <summary>Starts <c>dlp serve ARGS --port 0</c> and waits (at most 30 s) for its URL line.</summary>
    public static ServeProcess Start(string workingDir, params string[] args) =>
        Launch(workingDir, new[] { RepoPaths.DlpDll, "serve" }.Concat(args).Concat(["--port", "0"]));

    /// <summary>Starts another web program (<c>dotnet DLL ARGS</c>) that prints "listening on URL" first.</summary>
    public static ServeProcess StartDll(string dll, string workingDir, params string[] args) => Launch(workingDir, args.Prepend(dll));

    private static ServeProcess Launch(string workingDir, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in arguments) start.ArgumentList.Add(arg);
        start.Environment["NO_COLOR"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var first = process.StandardOutput.ReadLineAsync();
        if (!first.Wait(TimeSpan.FromSeconds(30)) || first.Result is null)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"the server printed no URL within 30 s (exit {(process.HasExited ? process.ExitCode : -1)}):\n{stderr.Result}");
        }
        var line = first.Result!;
        Assert.StartsWith("listening on http://127.0.0.1:", line, $"first line of the server: {line}");
        // Keep draining standard output so the server never blocks on a full pipe.
        _ = process.StandardOutput.ReadToEndAsync();
        return new ServeProcess(process, new Uri(line["listening on ".Length..]), stderr);
    }

    /// <summary>Sends SIGTERM and waits for a clean exit; returns the exit code and what it wrote to standard error.</summary>
    public (int ExitCode, string StdErr) Stop()
    {
        Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        if (!process.WaitForExit(TimeSpan.FromSeconds(10))) Assert.Fail("dlp serve did not stop within 10 s of SIGTERM");
        process.WaitForExit();
        return (process.ExitCode, stderr.Result);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
    }
}
