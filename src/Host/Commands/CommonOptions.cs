using System.CommandLine;

namespace DeepLearning.Host.Commands;

/// <summary>Options shared by several commands.</summary>
public static class CommonOptions
{
    /// <summary>--json.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Print one JSON object for machines instead of tables." };

    /// <summary>--verbose.</summary>
    public static Option<bool> Verbose() => new("--verbose", "-v") { Description = "Show stack traces on errors." };

    /// <summary>--set.</summary>
    public static Option<string[]> Set() => new("--set")
    {
        Description = "Override a spec key, e.g. --set trainer.l2=0.1 --set data.split.test_fraction=0.3 (repeatable).",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>The spec argument.</summary>
    public static Argument<string> Spec() => new("spec") { Description = "Pipeline spec file (YAML or JSON)." };

    /// <summary>The model argument.</summary>
    public static Argument<string> Model() => new("model") { Description = "Model bundle (.zip) written by `dlp train`." };
}
