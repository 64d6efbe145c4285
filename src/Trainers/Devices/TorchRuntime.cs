using System.Reflection;
using System.Runtime.InteropServices;
using TorchSharp;

namespace DeepLearning.Trainers.Devices;

/// <summary>Facts about the loaded libtorch: versions and whether CUDA is usable.</summary>
public static class TorchRuntime
{
    /// <summary>The TorchSharp assembly's informational version.</summary>
    public static string TorchSharpVersion =>
        typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(torch).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>The environment variable naming a folder with libtorch's libraries (e.g. a PyTorch install's
    /// <c>torch/lib</c>) for the <c>external</c> backend.</summary>
    public const string LibTorchDirVariable = "DLP_LIBTORCH_DIR";

    // Loading native libraries is process-wide by nature; Lazy runs the preload exactly once, thread-safely, and
    // remembers a failure so every caller sees the same clear error.
    private static readonly Lazy<string?> Preloaded = new(Preload);

    /// <summary>Call before any use of <c>torch</c>. When <see cref="LibTorchDirVariable"/> is set, loads libc10,
    /// libtorch_cpu, (libc10_cuda, libtorch_cuda when present) and libtorch from that folder by absolute path, so
    /// TorchSharp's own by-name lookups find them already loaded; otherwise does nothing (the packaged libtorch is
    /// found next to the program). Either way first tunes the native heap for libtorch (<see cref="NativeHeap"/>).
    /// Returns the folder used, or null.</summary>
    public static string? EnsureLoaded() => Preloaded.Value;

    private static string? Preload()
    {
        NativeHeap.EnsureTuned();
        var dir = Environment.GetEnvironmentVariable(LibTorchDirVariable);
        if (string.IsNullOrEmpty(dir)) return null;
        if (!Directory.Exists(dir)) throw new DllNotFoundException($"{LibTorchDirVariable}={dir} is not a folder; point it at a libtorch lib folder (e.g. <site-packages>/torch/lib)");
        // Dependency order: each library's own dependencies are loaded before it.
        foreach (var (name, required) in new[] { ("libc10.so", true), ("libtorch_cpu.so", true), ("libc10_cuda.so", false), ("libtorch_cuda.so", false), ("libtorch.so", true) })
        {
            var path = Path.Combine(dir, name);
            if (!File.Exists(path))
            {
                if (required) throw new DllNotFoundException($"{LibTorchDirVariable}={dir} has no {name}; point it at a libtorch lib folder (e.g. <site-packages>/torch/lib)");
                continue;
            }
            NativeLibrary.Load(path);
        }
        return dir;
    }

    /// <summary>The libtorch version TorchSharp was built against (its native library is loaded on first use).</summary>
    public static string LibTorchVersion
    {
        get
        {
            EnsureLoaded();
            return torch.__version__;
        }
    }

    /// <summary>Runs a small tensor computation; throws when libtorch cannot be loaded.</summary>
    public static float SmokeTest()
    {
        EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new float[] { 1, 2, 3 });
        return (a * a).sum().item<float>();
    }

    /// <summary>Whether CUDA is usable. TorchSharp's <c>torch.cuda.is_available()</c> is silently false when its
    /// <c>torch_cuda</c> load failed, so the library is loaded here first to tell that apart from "no GPU".</summary>
    public static CudaStatus Cuda()
    {
        EnsureLoaded();
        if (!NativeLibrary.TryLoad("libtorch_cuda.so", typeof(TorchRuntime).Assembly, null, out _))
            return new(false, 0, "CUDA not available: libtorch_cuda could not be loaded (this build's libtorch is CPU-only; see README, backends)");
        if (!torch.cuda.is_available())
            return new(false, 0, "CUDA not available: libtorch_cuda loaded, but no GPU is visible (driver, CUDA_VISIBLE_DEVICES)");
        int count = torch.cuda.device_count();
        return new(true, count, $"CUDA available: {count} GPU(s) visible");
    }

    /// <summary>Resolves <paramref name="request"/>; throws <see cref="DeviceUnavailableException"/> when CUDA is
    /// asked for and cannot be used.</summary>
    public static DeviceChoice Choose(DeviceRequest request) =>
        request.Kind == DeviceKind.Cpu ? new("cpu", "asked for cpu") : Choose(request, Cuda());

    /// <summary>Resolves <paramref name="request"/> against a known CUDA status (the decision without the probe, so
    /// both outcomes can be checked on any machine).</summary>
    public static DeviceChoice Choose(DeviceRequest request, CudaStatus cuda)
    {
        if (request.Kind == DeviceKind.Cpu) return new("cpu", "asked for cpu");
        if (request.Kind == DeviceKind.Auto)
            return cuda.Available ? new("cuda:0", $"auto: {cuda.Reason}") : new("cpu", $"auto: {cuda.Reason}");
        if (!cuda.Available) throw new DeviceUnavailableException($"device {request} was asked for, but {cuda.Reason}; use device: cpu or auto");
        if (request.Index >= cuda.Devices)
            throw new DeviceUnavailableException($"device {request} was asked for, but only {cuda.Devices} GPU(s) are visible (cuda:0…cuda:{cuda.Devices - 1})");
        return new($"cuda:{request.Index}", $"asked for {request}; {cuda.Reason}");
    }

    /// <summary>Where each native library of interest was loaded from, read from <c>/proc/self/maps</c> (Linux):
    /// file name → full path. Load libtorch first (<see cref="SmokeTest"/>) to see it.</summary>
    public static IReadOnlyDictionary<string, string> LoadedLibraries(params string[] names)
    {
        var found = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists("/proc/self/maps")) return found;
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            int slash = line.IndexOf('/');
            if (slash < 0) continue;
            var path = line[slash..];
            var file = Path.GetFileName(path);
            if (names.Contains(file)) found.TryAdd(file, path);
        }
        return found;
    }

    /// <summary>libtorch's intra-op thread count now.</summary>
    public static int Threads
    {
        get
        {
            EnsureLoaded();
            return torch.get_num_threads();
        }
    }
}
