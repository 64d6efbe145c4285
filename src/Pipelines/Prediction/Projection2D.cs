using System.Globalization;
using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Spec;
using DeepLearning.Pipelines.Trainers;
using DeepLearning.Pipelines.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace DeepLearning.Pipelines.Prediction;

/// <summary>One row of the data, placed in two dimensions.</summary>
/// <param name="X">First coordinate (PC1).</param>
/// <param name="Y">Second coordinate (PC2).</param>
/// <param name="Group">Index into <see cref="Projection2D.Groups"/>.</param>
public readonly record struct ProjectedPoint(double X, double Y, int Group);

/// <summary>The featurised rows of a table projected to two dimensions, each in a group (the model's cluster, the label
/// class, or a band of the regression label), ready for a scatter plot. Holds no drawing code: the host draws it.</summary>
/// <param name="Title">Names the pipeline and task.</param>
/// <param name="XLabel">Axis title of the first coordinate, with its share of the variance when known.</param>
/// <param name="YLabel">Axis title of the second coordinate.</param>
/// <param name="GroupedBy">What the groups are (for a legend title), e.g. "cluster" or the label's name.</param>
/// <param name="Groups">Group names in legend order.</param>
/// <param name="Points">One point per row that could be placed (rows whose features hold a missing value are left out).</param>
public sealed record Projection2D(string Title, string XLabel, string YLabel, string GroupedBy, IReadOnlyList<string> Groups, IReadOnlyList<ProjectedPoint> Points)
{
    private const string PcaColumn = "Projection2D";

    /// <summary>Rows per regression band: the label is cut at its quartiles so each colour holds about a quarter of the rows.</summary>
    private const int RegressionBands = 4;

    /// <summary>Projects <paramref name="data"/>'s labelled rows. Dimensionality reduction with two or more components
    /// uses the model's own projection (that is what the model learned); every other task gets a rank-2 PCA of the
    /// features fitted on these rows.</summary>
    public static Projection2D Compute(ScoringModel model, LabelledTable data, string name)
    {
        var rows = data.Rows;
        if (rows.Length == 0) throw new ArgumentException("no rows to project", nameof(data));
        var scored = model.Score(data.Table.View(rows));
        var features = Dense(scored, Featurizer.FeaturesColumn);
        int dims = features[0].Length;

        double[][] xy;
        string axis = "PC";
        if (model.Task == MlTask.DimensionalityReduction && Dense(scored, TrainerCatalog.ProjectionColumn) is { } own && own[0].Length >= 2)
            xy = own.Select(v => new[] { (double)v[0], v[1] }).ToArray();
        else if (dims >= 2)
        {
            var pca = model.Ml.Transforms.ProjectToPrincipalComponents(PcaColumn, Featurizer.FeaturesColumn, rank: 2, seed: 0).Fit(scored);
            xy = Dense(pca.Transform(scored), PcaColumn).Select(v => new[] { (double)v[0], v[1] }).ToArray();
        }
        else
        {
            // One feature: nothing to project; the feature itself on X keeps the plot honest rather than failing.
            xy = features.Select(v => new[] { (double)v[0], 0.0 }).ToArray();
            axis = "Feature";
        }

        var (groupedBy, groups, groupOf) = Grouping(model, data, scored);
        var keep = Enumerable.Range(0, rows.Length).Where(i => double.IsFinite(xy[i][0]) && double.IsFinite(xy[i][1]) && groupOf[i] >= 0).ToArray();
        var points = keep.Select(i => new ProjectedPoint(xy[i][0], xy[i][1], groupOf[i])).ToList();

        // Share of the features' total variance each axis carries: variance of the coordinate over the sum of the
        // per-feature variances. Exact for PCA of centred features, and a fair reading for the model's projection.
        double total = Enumerable.Range(0, dims).Sum(d => Variance(keep.Select(i => (double)features[i][d])));
        string Label(int k) =>
            axis == "Feature" ? (k == 0 ? Featurizer.FeaturesColumn : "")
            : total > 0 && keep.Length > 1
                ? string.Create(CultureInfo.InvariantCulture, $"PC{k + 1} ({100 * Variance(keep.Select(i => xy[i][k])) / total:0.#}% of variance)")
                : $"PC{k + 1}";

        // The legend has no title of its own, so the title says what the colours mean.
        var title = $"{name} ({SnakeCase.Of(model.Task)}): {points.Count} rows" + (groups.Count > 1 ? $", coloured by {groupedBy}" : "");
        return new Projection2D(title, Label(0), Label(1), groupedBy, groups, points);
    }

    /// <summary>Clustering colours by the model's cluster (what was learned); otherwise by the label when there is one.</summary>
    private static (string GroupedBy, IReadOnlyList<string> Groups, int[] GroupOf) Grouping(ScoringModel model, LabelledTable data, IDataView scored)
    {
        var rows = data.Rows;
        if (model.Task == MlTask.Clustering)
        {
            var column = scored.Schema["PredictedLabel"];
            int k = (int)((KeyDataViewType)column.Type).Count;
            // Keys are 1..k; 0 would be a missing cluster, which a fitted k-means never gives, but -1 drops it safely.
            var clusters = scored.GetColumn<uint>(column).Select(c => (int)c - 1).ToArray();
            return ("cluster", Enumerable.Range(1, k).Select(c => $"cluster {c}").ToList(), clusters);
        }
        if (model.Task == MlTask.Regression && model.Label is { } target && data.Table.Find(target)?.Numbers is { } values)
        {
            var (bands, bandOf) = Bands(rows.Select(r => (double)values[r]).ToArray());
            return (target, bands, bandOf);
        }
        if (data.ClassOfRow is { } classOfRow && data.Classes.Count > 0)
        {
            var groupOf = rows.Select(r => classOfRow[r]).ToArray();
            var classes = data.Classes.ToList();
            // Unsupervised tasks keep rows without a label (class -1); they still belong on the plot.
            if (groupOf.Any(g => g < 0))
            {
                classes.Add("(no label)");
                groupOf = groupOf.Select(g => g < 0 ? classes.Count - 1 : g).ToArray();
            }
            return (model.Label ?? "class", classes, groupOf);
        }
        return ("rows", ["rows"], new int[rows.Length]);
    }

    /// <summary>Cuts <paramref name="values"/> at its quantiles into at most <see cref="RegressionBands"/> bands named by their ranges.</summary>
    private static (IReadOnlyList<string>, int[]) Bands(double[] values)
    {
        var sorted = values.Order().ToArray();
        var edges = Enumerable.Range(1, RegressionBands - 1).Select(q => sorted[q * (sorted.Length - 1) / RegressionBands]).Distinct().ToList();
        var groupOf = values.Select(v => edges.Count(e => v > e)).ToArray();
        var bounds = new List<double> { sorted[0] };
        bounds.AddRange(edges);
        bounds.Add(sorted[^1]);
        var names = Enumerable.Range(0, edges.Count + 1)
            .Select(b => string.Create(CultureInfo.InvariantCulture, $"{(b == 0 ? "" : "> ")}{bounds[b]:G4} to {bounds[b + 1]:G4}"))
            .ToList();
        return (names, groupOf);
    }

    private static float[][] Dense(IDataView view, string column) =>
        view.GetColumn<VBuffer<float>>(column).Select(v => v.DenseValues().ToArray()).ToArray();

    private static double Variance(IEnumerable<double> values)
    {
        var list = values.ToList();
        if (list.Count < 2) return 0;
        double mean = list.Average();
        return list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1);
    }
}
