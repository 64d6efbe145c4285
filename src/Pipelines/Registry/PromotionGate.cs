using DeepLearning.Pipelines.Prediction;
using DeepLearning.Pipelines.Running;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Registry;

/// <summary>Decides whether a newly trained model replaces the champion: both predict the same holdout rows; the
/// challenger must win by the declared margin and, when asked, in enough paired bootstrap resamples; and a change
/// of inputs, label or classes blocks promotion unless the spec allows it.</summary>
public static class PromotionGate
{
    /// <summary>Compares <paramref name="challenger"/> (trained now, version <paramref name="version"/>) with the champion.</summary>
    public static PromotionVerdict Decide(TrainResult challenger, int version, PipelineModel? champion, int? championVersion, PromotionSpec rules, int seed)
    {
        var holdout = challenger.Holdout;
        int rows = holdout.Inputs.RowCount;
        if (champion is null)
            return new("promoted", "there is no champion yet", version, null, null, null, null, null, null, rows);

        var changes = SchemaChanges(champion.Manifest, challenger.Manifest);
        if (changes.Count > 0 && !rules.AllowSchemaChange)
            return new("kept", $"the schema changed ({string.Join("; ", changes)}) and promotion.allow_schema_change is false", version, championVersion, null, null, null, null, null, rows);
        if (changes.Count > 0)
            return new("promoted", $"the schema changed ({string.Join("; ", changes)}), allowed by promotion.allow_schema_change; the models cannot be compared on the same rows", version, championVersion, null, null, null, null, null, rows);

        var task = challenger.Manifest.Task;
        var name = rules.Metric ?? HoldoutMetric.DefaultFor(task);
        var classes = challenger.Manifest.Classes;
        var metric = HoldoutMetric.For(task, name, holdout.Classes, holdout.Values, classes is { Count: 2 } ? classes[1] : null);
        var newPredictions = challenger.Model.Predict(holdout.Inputs);
        var oldPredictions = champion.Predict(holdout.Inputs);
        var all = Enumerable.Range(0, rows).ToArray();
        double Gain(int[] sample)
        {
            double delta = metric.Compute(newPredictions, sample) - metric.Compute(oldPredictions, sample);
            return metric.HigherIsBetter ? delta : -delta;
        }
        double challengerValue = metric.Compute(newPredictions, all), championValue = metric.Compute(oldPredictions, all), gain = Gain(all);
        PromotionVerdict Verdict(string decision, string reason, double? p = null) =>
            new(decision, reason, version, championVersion, name, challengerValue, championValue, gain, p, rows);

        if (gain < rules.MinImprovement)
            return Verdict("kept", $"{name} improved by {gain:G4}, less than promotion.min_improvement {rules.MinImprovement:G4}");
        if (rules.Bootstrap == 0)
            return Verdict("promoted", $"{name} improved by {gain:G4} (at least {rules.MinImprovement:G4})");

        var random = new Random(seed);
        var sample = new int[rows];
        int losses = 0;
        for (int b = 0; b < rules.Bootstrap; b++)
        {
            for (int i = 0; i < rows; i++) sample[i] = random.Next(rows);
            if (Gain(sample) <= 0) losses++;
        }
        double pValue = (double)losses / rules.Bootstrap;
        return pValue < rules.Significance
            ? Verdict("promoted", $"{name} improved by {gain:G4}; the challenger won {rules.Bootstrap - losses} of {rules.Bootstrap} paired bootstrap resamples (p = {pValue:G3} < {rules.Significance:G3})", pValue)
            : Verdict("kept", $"{name} improved by {gain:G4}, but not significantly: the challenger did not win {losses} of {rules.Bootstrap} paired bootstrap resamples (p = {pValue:G3} ≥ {rules.Significance:G3})", pValue);
    }

    private static List<string> SchemaChanges(Bundle.ModelManifest champion, Bundle.ModelManifest challenger)
    {
        var changes = new List<string>();
        if (champion.Task != challenger.Task) changes.Add($"task {SnakeCase.Of(champion.Task)} → {SnakeCase.Of(challenger.Task)}");
        if (champion.Label != challenger.Label) changes.Add($"label {champion.Label} → {challenger.Label}");
        var before = champion.InputSchema.ToDictionary(c => c.Name, c => c.Kind);
        var after = challenger.InputSchema.ToDictionary(c => c.Name, c => c.Kind);
        var added = after.Keys.Except(before.Keys).ToList();
        var removed = before.Keys.Except(after.Keys).ToList();
        var retyped = after.Keys.Intersect(before.Keys).Where(k => before[k] != after[k]).ToList();
        if (added.Count > 0) changes.Add($"inputs added: {string.Join(", ", added)}");
        if (removed.Count > 0) changes.Add($"inputs removed: {string.Join(", ", removed)}");
        if (retyped.Count > 0) changes.Add($"inputs of another kind: {string.Join(", ", retyped.Select(k => $"{k} {SnakeCase.Of(before[k])} → {SnakeCase.Of(after[k])}"))}");
        if (!(champion.Classes ?? []).SequenceEqual(challenger.Classes ?? []))
            changes.Add($"classes [{string.Join(", ", champion.Classes ?? [])}] → [{string.Join(", ", challenger.Classes ?? [])}]");
        return changes;
    }
}
