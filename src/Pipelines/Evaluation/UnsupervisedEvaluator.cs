using DeepLearning.Pipelines.Trainers;
using DeepLearning.Trainers.Estimators;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace DeepLearning.Pipelines.Evaluation;

/// <summary>Metrics of clustering, dimensionality reduction and anomaly detection. Where ML.NET has no metric
/// (adjusted Rand index, explained variance, detection rate at a false-positive rate) it is computed here.</summary>
public static class UnsupervisedEvaluator
{
    /// <summary>Average distance and Davies–Bouldin index; with labels (class per row, -1 = none), normalised mutual
    /// information and adjusted Rand index of clusters against classes.</summary>
    public static EvaluationReport Clustering(MLContext ml, IDataView scored, string features, int[]? classes)
    {
        var m = ml.Clustering.Evaluate(scored, scoreColumnName: "Score", featureColumnName: features);
        var metrics = new Dictionary<string, double> { ["average_distance"] = m.AverageDistance, ["davies_bouldin_index"] = m.DaviesBouldinIndex };
        if (classes is not null)
        {
            var clusters = scored.GetColumn<uint>("PredictedLabel").Select(c => (int)c).ToArray();
            var pairs = clusters.Zip(classes).Where(p => p.Second >= 0).ToArray();
            metrics["normalized_mutual_information"] = AgreementMetrics.NormalizedMutualInformation(pairs);
            metrics["adjusted_rand_index"] = AgreementMetrics.AdjustedRandIndex(pairs);
        }
        return new EvaluationReport(metrics, scored.GetRowCount() ?? 0);
    }

    /// <summary>Share of the featurised data's total variance that the reduction keeps, and the reconstruction error
    /// per feature value. A linear projection (pca) keeps the variance of its components, each reported too, and
    /// leaves out the rest; a model that rebuilds the rows (an autoencoder, whose code dimensions are neither ordered
    /// nor orthogonal) keeps 1 − (squared reconstruction error) / (total sum of squares): for pca the two are the same
    /// figure, so the two compare.</summary>
    public static EvaluationReport Reduction(IDataView scored, string features)
    {
        var x = Vectors(scored, features);
        int n = x.Count, d = x[0].Length;
        double total = Variances(x).Sum();
        var metrics = new Dictionary<string, double>();
        if (scored.Schema.GetColumnOrNull(AutoencoderTransformer.ReconstructionErrorColumn) is not null)
        {
            // Each row's error is its mean over the d values; the total variance is the sum of squares over n − 1.
            double mse = scored.GetColumn<float>(AutoencoderTransformer.ReconstructionErrorColumn).Average(e => (double)e);
            metrics["explained_variance_ratio"] = 1 - mse * n * d / (total * Math.Max(1, n - 1));
            metrics["reconstruction_mse"] = mse;
            return new EvaluationReport(metrics, n);
        }
        var perComponent = Variances(Vectors(scored, TrainerCatalog.ProjectionColumn));
        metrics["explained_variance_ratio"] = perComponent.Sum() / total;
        for (int i = 0; i < perComponent.Length; i++) metrics[$"explained_variance_ratio_pc{i + 1}"] = perComponent[i] / total;
        // Orthonormal components: ‖x − x̂‖² = ‖x − μ‖² − ‖z‖², so the error is the variance left out (about the mean of
        // these rows; about the training mean it is larger by the part of the mean shift outside the components).
        metrics["reconstruction_mse"] = (total - perComponent.Sum()) * Math.Max(1, n - 1) / ((double)n * d);
        return new EvaluationReport(metrics, n);
    }

    /// <summary>With labels (1 = anomaly): AUC, precision and recall at <paramref name="threshold"/>, and the share of
    /// anomalies caught at the threshold that lets through 1 % of normal rows.</summary>
    public static EvaluationReport Anomaly(IDataView scored, int[]? isAnomaly, double threshold)
    {
        var scores = scored.GetColumn<float>("Score").ToArray();
        var metrics = new Dictionary<string, double>
        {
            ["threshold"] = threshold,
            ["flagged_rate"] = scores.Count(s => s > threshold) / (double)scores.Length,
        };
        var labelled = isAnomaly is null ? [] : scores.Zip(isAnomaly).Where(p => p.Second >= 0).ToArray();
        if (labelled.Any(p => p.Second == 1) && labelled.Any(p => p.Second == 0))
        {
            metrics["auc"] = AgreementMetrics.Auc(labelled);
            int tp = labelled.Count(p => p.First > threshold && p.Second == 1), fp = labelled.Count(p => p.First > threshold && p.Second == 0);
            int positives = labelled.Count(p => p.Second == 1);
            metrics["precision"] = tp + fp == 0 ? 0 : tp / (double)(tp + fp);
            metrics["recall"] = tp / (double)positives;
            metrics["false_positive_rate"] = fp / (double)labelled.Count(p => p.Second == 0);
            var at1Percent = Quantile(labelled.Where(p => p.Second == 0).Select(p => (double)p.First).ToArray(), 0.99);
            metrics["detection_rate_at_1pct_fpr"] = labelled.Count(p => p.Second == 1 && p.First > at1Percent) / (double)positives;
        }
        return new EvaluationReport(metrics, scores.Length);
    }

    /// <summary>The <paramref name="q"/> quantile (linear interpolation) of <paramref name="values"/>.</summary>
    public static double Quantile(double[] values, double q)
    {
        var sorted = values.Order().ToArray();
        double at = q * (sorted.Length - 1);
        int low = (int)Math.Floor(at), high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
    }

    private static List<float[]> Vectors(IDataView view, string column) =>
        view.GetColumn<VBuffer<float>>(column).Select(v => v.DenseValues().ToArray()).ToList();

    private static double[] Variances(List<float[]> rows)
    {
        int d = rows[0].Length;
        var mean = new double[d];
        var m2 = new double[d];
        long n = 0;
        foreach (var row in rows)
        {
            n++;
            for (int j = 0; j < d; j++)
            {
                double delta = row[j] - mean[j];
                mean[j] += delta / n;
                m2[j] += delta * (row[j] - mean[j]);
            }
        }
        return m2.Select(v => v / Math.Max(1, n - 1)).ToArray();
    }
}
