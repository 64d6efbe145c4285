using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Drift;

/// <summary>A summary of the training data stored in the bundle manifest (<c>profile</c>), so a served model can tell
/// whether the data it now sees still looks like what it learnt from (see <see cref="DriftReport"/>).</summary>
public sealed record DataProfile
{
    /// <summary>Most categories kept per categorical column: enough for drift, bounded so a manifest stays small.</summary>
    public const int CategoryCap = 50;

    /// <summary>Rows profiled.</summary>
    public required int Rows { get; init; }
    /// <summary>One profile per input column, in input-schema order.</summary>
    public required IReadOnlyList<ColumnProfile> Columns { get; init; }
    /// <summary>Classification: each class's share of the labelled rows.</summary>
    public IReadOnlyDictionary<string, double>? LabelClasses { get; init; }

    /// <summary>Profiles the columns <paramref name="inputs"/> of <paramref name="table"/> and, for classification,
    /// the class mix of <paramref name="labelled"/>.</summary>
    public static DataProfile Compute(DataTable table, IEnumerable<(string Name, ColumnKind Kind)> inputs, LabelledTable? labelled = null)
    {
        var columns = inputs.Select(i => Profile(table.Find(i.Name) ?? throw new ArgumentException($"no column '{i.Name}' to profile"), i.Kind)).ToList();
        IReadOnlyDictionary<string, double>? classes = null;
        if (labelled is { ClassOfRow: { } ofRow, Classes.Count: > 0 } && labelled.Rows.Length > 0)
        {
            var counts = new int[labelled.Classes.Count];
            foreach (var r in labelled.Rows) if (ofRow[r] >= 0) counts[ofRow[r]]++;
            double total = Math.Max(1, counts.Sum());
            classes = labelled.Classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => counts[x.i] / total);
        }
        return new DataProfile { Rows = table.RowCount, Columns = columns, LabelClasses = classes };
    }

    private static ColumnProfile Profile(TableColumn column, ColumnKind kind)
    {
        int rows = column.Length;
        // An image is profiled by its mean pixel value per row (brightness), one number per image.
        if (column.Scalars() is { } numbers)
        {
            var present = numbers.Where(v => !float.IsNaN(v)).Select(v => (double)v).Order().ToArray();
            var profile = new ColumnProfile { Name = column.Name, Kind = kind, Count = present.Length, MissingRate = Rate(rows - present.Length, rows) };
            if (present.Length == 0) return profile;
            double mean = present.Average();
            double std = Math.Sqrt(present.Sum(v => (v - mean) * (v - mean)) / present.Length);
            var deciles = Enumerable.Range(1, 9).Select(k => Quantile(present, k / 10.0)).ToArray();
            return profile with
            {
                Min = present[0], Max = present[^1], Mean = mean, Std = std, Deciles = deciles,
                BinShares = BinCounts(present, deciles).Select(c => (double)c / present.Length).ToArray(),
            };
        }
        var texts = column.Texts ?? [];
        var values = texts.Where(t => t is not null).Select(t => t!).ToList();
        var categorical = new ColumnProfile { Name = column.Name, Kind = kind, Count = values.Count, MissingRate = Rate(rows - values.Count, rows) };
        // Free text has too many distinct values for category shares to mean anything.
        if (kind != ColumnKind.Categorical || values.Count == 0) return categorical;
        var top = values.GroupBy(v => v, StringComparer.Ordinal)
            .Select(g => (g.Key, Count: g.Count()))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(CategoryCap)
            .ToDictionary(g => g.Key, g => (double)g.Count / values.Count);
        return categorical with { Categories = top };
    }

    /// <summary>How many of <paramref name="values"/> fall in each of the bins the edges cut: bin i holds values in
    /// (edge[i-1], edge[i]], the first everything up to edge[0], the last everything above the last edge.</summary>
    internal static int[] BinCounts(IEnumerable<double> values, IReadOnlyList<double> edges)
    {
        var counts = new int[edges.Count + 1];
        foreach (var v in values)
        {
            int bin = 0;
            while (bin < edges.Count && v > edges[bin]) bin++;
            counts[bin]++;
        }
        return counts;
    }

    private static double Quantile(double[] sorted, double q)
    {
        // Linear interpolation between closest ranks (numpy's default), so edges are reproducible elsewhere.
        double position = q * (sorted.Length - 1);
        int low = (int)Math.Floor(position);
        int high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }

    private static double Rate(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}
