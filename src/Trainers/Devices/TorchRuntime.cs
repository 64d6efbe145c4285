using System.Reflection;
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
}
