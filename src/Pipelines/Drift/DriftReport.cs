using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Drift;

/// <summary>How new data differs from the training data a model's profile describes.</summary>
/// <param name="Rows">Rows of new data compared.</param>
/// <param name="Verdict">The worst column's verdict.</param>
/// <param name="MaxPsi">The largest column PSI.</param>
/// <param name="Columns">Per input column, in input-schema order.</param>
/// <param name="Drifted">Columns whose verdict is moderate or major, worst first.</param>
public sealed record DriftReport(int Rows, DriftLevel Verdict, double MaxPsi, IReadOnlyList<ColumnDrift> Columns, IReadOnlyList<string> Drifted)
{
    /// <summary>PSI from which drift is moderate.</summary>
    public const double ModerateThreshold = 0.1;
    /// <summary>PSI from which drift is major.</summary>
    public const double MajorThreshold = 0.25;

    // A bin empty on one side would make ln(actual/expected) infinite; a small floor keeps PSI finite and still large.
    private const double Floor = 1e-4;

    /// <summary>Compares <paramref name="data"/> (holding the profiled columns) against <paramref name="profile"/>.</summary>
    public static DriftReport Compute(DataProfile profile, DataTable data)
    {
        var columns = profile.Columns.Select(p => Column(p, data.Find(p.Name)
            ?? throw new ArgumentException($"the data has no input column '{p.Name}'; the model reads: {string.Join(", ", profile.Columns.Select(c => c.Name))}"))).ToList();
        double max = columns.Select(c => c.Psi ?? 0).DefaultIfEmpty(0).Max();
        var drifted = columns.Where(c => c.Verdict != DriftLevel.None).OrderByDescending(c => c.Psi).Select(c => c.Name).ToList();
        return new DriftReport(data.RowCount, Level(max), max, columns, drifted);
    }

    /// <summary>The band a PSI falls in.</summary>
    public static DriftLevel Level(double psi) => psi >= MajorThreshold ? DriftLevel.Major : psi >= ModerateThreshold ? DriftLevel.Moderate : DriftLevel.None;

    /// <summary>Σ (actual − expected) · ln(actual / expected) over bins, shares floored at 1e-4.</summary>
    public static double Psi(IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        double psi = 0;
        for (int i = 0; i < expected.Count; i++)
        {
            double e = Math.Max(expected[i], Floor), a = Math.Max(actual[i], Floor);
            if (expected[i] == 0 && actual[i] == 0) continue;
            psi += (a - e) * Math.Log(a / e);
        }
        return psi;
    }

    private static ColumnDrift Column(ColumnProfile profile, TableColumn column)
    {
        int rows = column.Length;
        if (profile.Kind is ColumnKind.Numeric or ColumnKind.Boolean or ColumnKind.Image)
        {
            var numbers = column.Scalars() ?? throw new ArgumentException($"input column '{profile.Name}' is {SnakeCase.Of(profile.Kind)} but was read as {SnakeCase.Of(column.Kind)}");
            var present = numbers.Where(v => !float.IsNaN(v)).Select(v => (double)v).ToList();
            double missing = rows == 0 ? 0 : (double)(rows - present.Count) / rows;
            double? psi = null;
            if (profile.Deciles is { } edges && profile.BinShares is { } expected && present.Count > 0)
                psi = Psi(expected, DataProfile.BinCounts(present, edges).Select(c => (double)c / present.Count).ToArray());
            return new ColumnDrift(profile.Name, profile.Kind, psi, profile.MissingRate, missing, missing - profile.MissingRate,
                Level(psi ?? 0), present.Count > 0 ? present.Average() : null, profile.Mean);
        }
        var texts = column.Texts ?? throw new ArgumentException($"input column '{profile.Name}' is {SnakeCase.Of(profile.Kind)} but was read as {SnakeCase.Of(column.Kind)}");
        var values = texts.Where(t => t is not null).Select(t => t!).ToList();
        double missingRate = rows == 0 ? 0 : (double)(rows - values.Count) / rows;
        double? categoricalPsi = null;
        if (profile.Categories is { } categories && values.Count > 0)
        {
            // Categories outside the stored top ones, unseen ones included, share one "other" bin on both sides.
            var names = categories.Keys.ToList();
            var index = names.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i, StringComparer.Ordinal);
            var counts = new double[names.Count + 1];
            foreach (var v in values) counts[index.TryGetValue(v, out var i) ? i : names.Count]++;
            var expected = names.Select(n => categories[n]).Append(Math.Max(0, 1 - categories.Values.Sum())).ToArray();
            // Shares stored to full precision sum to 1 ± rounding; a tiny negative "other" is rounding, not data.
            if (expected[^1] < 1e-9) expected[^1] = 0;
            categoricalPsi = Psi(expected, counts.Select(c => c / values.Count).ToArray());
        }
        return new ColumnDrift(profile.Name, profile.Kind, categoricalPsi, profile.MissingRate, missingRate, missingRate - profile.MissingRate, Level(categoricalPsi ?? 0));
    }
}
