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

    /// <summary>The libtorch version TorchSharp was built against (its native library is loaded on first use).</summary>
    public static string LibTorchVersion => torch.__version__;

    /// <summary>Runs a small tensor computation; throws when libtorch cannot be loaded.</summary>
    public static float SmokeTest()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new float[] { 1, 2, 3 });
        return (a * a).sum().item<float>();
    }

    /// <summary>Whether CUDA is usable. TorchSharp's <c>torch.cuda.is_available()</c> is silently false when its
    /// <c>torch_cuda</c> load failed, so the library is loaded here first to tell that apart from "no GPU".</summary>
    public static CudaStatus Cuda()
    {
        if (!NativeLibrary.TryLoad("libtorch_cuda.so", typeof(TorchRuntime).Assembly, null, out _))
            return new(false, 0, "CUDA not available: libtorch_cuda could not be loaded (this build's libtorch is CPU-only; see README, backends)");
        if (!torch.cuda.is_available())
            return new(false, 0, "CUDA not available: libtorch_cuda loaded, but no GPU is visible (driver, CUDA_VISIBLE_DEVICES)");
        int count = torch.cuda.device_count();
        return new(true, count, $"CUDA available: {count} GPU(s) visible");
    }

    /// <summary>Resolves <paramref name="request"/>; throws <see cref="DeviceUnavailableException"/> when CUDA is
    /// asked for and cannot be used.</summary>
    public static DeviceChoice Choose(DeviceRequest request)
    {
        if (request.Kind == DeviceKind.Cpu) return new("cpu", "asked for cpu");
        var cuda = Cuda();
        if (request.Kind == DeviceKind.Auto)
            return cuda.Available ? new("cuda:0", $"auto: {cuda.Reason}") : new("cpu", $"auto: {cuda.Reason}");
        if (!cuda.Available) throw new DeviceUnavailableException($"device {request} was asked for, but {cuda.Reason}; use device: cpu or auto");
        if (request.Index >= cuda.Devices)
            throw new DeviceUnavailableException($"device {request} was asked for, but only {cuda.Devices} GPU(s) are visible (cuda:0…cuda:{cuda.Devices - 1})");
        return new($"cuda:{request.Index}", $"asked for {request}; {cuda.Reason}");
    }
}
