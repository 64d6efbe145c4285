using System.CommandLine;
using DeepLearning.Host.Rendering;
using DeepLearning.Pipelines.Running;
using DeepLearning.Trainers.Devices;
using Spectre.Console;

namespace DeepLearning.Host.Commands;

/// <summary>`dlp doctor`: versions, where libtorch was loaded from, threads and CUDA status, to diagnose a setup.</summary>
public static class DoctorCommand
{
    private static readonly string[] Libraries = ["libLibTorchSharp.so", "libtorch_cpu.so", "libtorch.so", "libc10.so", "libtorch_cuda.so", "libc10_cuda.so"];

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("doctor", "Check the setup: versions, where libtorch is loaded from, threads, CUDA and why.") { json, verbose };
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(json), parse.GetValue(verbose), () =>
        {
            var versions = VersionInfo.Libraries();
            var external = TorchRuntime.EnsureLoaded();
            // A tensor op loads libLibTorchSharp.so and libtorch; if the GLIBCXX patch were missing on Debian 12, it
            // would throw here (TypeInitializationException), so success is the check that matters.
            float smoke = TorchRuntime.SmokeTest();
            var loaded = TorchRuntime.LoadedLibraries(Libraries);
            var cuda = TorchRuntime.Cuda();
            var report = new
            {
                program = versions["dlp"],
                dotnet = versions["dotnet"],
                mlnet = versions["mlnet"],
                torchsharp = TorchRuntime.TorchSharpVersion,
                libtorch = TorchRuntime.LibTorchVersion,
                libtorch_dir = external,
                loaded_from = loaded,
                torch_loads = smoke == 14f,
                glibcxx = "libLibTorchSharp.so loaded and computed (GLIBCXX_3.4.32 requirement patched weak, or libstdc++ new enough)",
                threads = TorchRuntime.Threads,
                cuda = new { available = cuda.Available, devices = cuda.Devices, reason = cuda.Reason },
            };
            if (parse.GetValue(json))
            {
                JsonOut.Write(report);
                return ExitCodes.Ok;
            }
            var grid = new Grid().AddColumn().AddColumn();
            void Row(string k, string v) => grid.AddRow($"[bold]{k}[/]", Markup.Escape(v));
            Row("dlp", report.program);
            Row(".NET", report.dotnet);
            Row("ML.NET", report.mlnet);
            Row("TorchSharp", report.torchsharp);
            Row("libtorch", report.libtorch + (external is null ? "" : $" (external: {external})"));
            foreach (var (file, path) in loaded) Row(file, path);
            Row("GLIBCXX", report.glibcxx);
            Row("threads", report.threads.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Row("CUDA", cuda.Reason);
            AnsiConsole.Write(new Panel(grid).Header("dlp doctor").Border(BoxBorder.Rounded));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
