namespace DeepLearning.Pipelines.Registry;

/// <summary>What the promotion gate decided, and why: the JSON a nightly scheduler branches on.</summary>
/// <param name="Decision">promoted or kept.</param>
/// <param name="Reason">One sentence.</param>
/// <param name="ChallengerVersion">The new version.</param>
/// <param name="ChampionVersion">The champion it was compared with, if any.</param>
/// <param name="Metric">The metric compared.</param>
/// <param name="Challenger">Challenger's metric on the holdout.</param>
/// <param name="Champion">Champion's metric on the same holdout.</param>
/// <param name="Improvement">How much better the challenger is (positive = better, whatever the metric's direction).</param>
/// <param name="PValue">With bootstrap: share of resamples where the challenger did not win.</param>
/// <param name="HoldoutRows">Rows compared.</param>
/// <param name="Drift">How far today's test rows drifted from the champion's training data (when the champion has a profile).</param>
public sealed record PromotionVerdict(
    string Decision,
    string Reason,
    int ChallengerVersion,
    int? ChampionVersion,
    string? Metric,
    double? Challenger,
    double? Champion,
    double? Improvement,
    double? PValue,
    int HoldoutRows,
    Drift.DriftReport? Drift = null)
{
    /// <summary>The challenger became the champion.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Promoted => Decision == "promoted";
}
