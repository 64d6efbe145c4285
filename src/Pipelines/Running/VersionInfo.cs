using System.Reflection;

namespace DeepLearning.Pipelines.Running;

/// <summary>Versions recorded in every manifest and printed by `dlp --version`.</summary>
public static class VersionInfo
{
    /// <summary>This program's version.</summary>
    public static string Program => Of(typeof(VersionInfo).Assembly);

    /// <summary>Program, ML.NET, TorchSharp and .NET versions (libtorch itself is only loaded by neural models).</summary>
    public static IReadOnlyDictionary<string, string> Libraries() => new Dictionary<string, string>
    {
        ["dlp"] = Program,
        ["mlnet"] = MlNet,
        ["torchsharp"] = Of(typeof(TorchSharp.torch).Assembly),
        ["dotnet"] = Environment.Version.ToString(),
    };

    /// <summary>The ML.NET version this program runs.</summary>
    public static string MlNet => Of(typeof(Microsoft.ML.MLContext).Assembly);

    /// <summary>The ML.NET package version this program was built with (the same as <see cref="MlNet"/>, read without
    /// loading ML.NET: a compiled linear model is scored without it).</summary>
    public static string MlNetBuild { get; } = typeof(VersionInfo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .First(a => a.Key == "MlNetVersion").Value!;

    private static string Of(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? assembly.GetName().Version?.ToString() ?? "unknown";
}
