using DeepLearning.Host.Rendering;
using DeepLearning.Pipelines.Registry;
using DeepLearning.Pipelines.Spec;
using Spectre.Console;

namespace DeepLearning.Host.Commands;

/// <summary>`dlp train --registry`: runs the nightly cycle and reports the verdict a scheduler branches on.</summary>
public static class RegistryOutput
{
    /// <summary>Trains into the registry; exit 0 when promoted, 5 when the champion stays.</summary>
    public static int Train(LoadedSpec loaded, string root, IProgress<string> progress, bool json)
    {
        var result = RegistryTraining.Train(loaded, root, progress);
        var m = result.Train.Manifest;
        if (json)
            JsonOut.Write(new { model = result.Train.ModelPath, registry = Path.GetFullPath(root), name = m.Name, version = result.Version, verdict = result.Verdict, metrics = m.Metrics.Metrics, evaluation = m.Metrics, cross_validation = m.CrossValidation });
        else
        {
            ReportRenderer.Metrics($"{m.Name} version {result.Version}: {m.Trainer} on the test rows", m.Metrics);
            Verdict(result.Verdict);
        }
        return result.Verdict.Promoted ? ExitCodes.Ok : ExitCodes.Kept;
    }

    /// <summary>A verdict for people.</summary>
    public static void Verdict(PromotionVerdict v)
    {
        var colour = v.Promoted ? "green" : "yellow";
        AnsiConsole.MarkupLine($"[{colour} bold]{v.Decision}[/]: version {v.ChallengerVersion} — {Markup.Escape(v.Reason)}");
        if (v.Metric is not null)
            AnsiConsole.MarkupLine($"  {v.Metric} on {v.HoldoutRows} holdout rows: challenger {v.Challenger:F4}, champion (version {v.ChampionVersion}) {v.Champion:F4}");
        if (v.Drift is { } drift)
            AnsiConsole.MarkupLine($"  data drift from the champion's training data: {drift.Verdict.ToString().ToLowerInvariant()} (largest PSI {drift.MaxPsi:F3}{(drift.Drifted.Count > 0 ? "; " + Markup.Escape(string.Join(", ", drift.Drifted)) : "")})");
    }
}
