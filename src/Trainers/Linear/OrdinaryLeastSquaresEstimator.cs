using DeepLearning.Trainers.DataViews;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace DeepLearning.Trainers.Linear;

/// <summary>Ordinary least squares, ŷ = w·x + b, solved in closed form from the normal equations on centred data
/// (double precision, Cholesky), streaming the data twice: memory is O(features²), not O(rows).
/// ML.NET's own OLS lives in Microsoft.ML.Mkl.Components, which needs Intel MKL natives; this one needs none.</summary>
public sealed class OrdinaryLeastSquaresEstimator(string labelColumn, string featuresColumn, double l2 = 1e-6) : IEstimator<ITransformer>
{
    /// <summary>Fits the weights.</summary>
    public ITransformer Fit(IDataView input)
    {
        var label = input.Schema[labelColumn];
        var features = input.Schema[featuresColumn];
        int p = (features.Type as VectorDataViewType)?.Size ?? 0;
        if (p == 0) throw new ArgumentException($"'{featuresColumn}' must be a float vector of known size");

        var mean = new double[p];
        double labelMean = 0;
        long n = 0;
        foreach (var (x, y) in Rows(input, label, features))
        {
            n++;
            labelMean += (y - labelMean) / n;
            for (int j = 0; j < p; j++) mean[j] += (x[j] - mean[j]) / n;
        }
        if (n == 0) throw new InvalidOperationException("no rows with a label to fit");

        var xtx = new double[p, p];
        var xty = new double[p];
        foreach (var (x, y) in Rows(input, label, features))
        {
            double dy = y - labelMean;
            for (int i = 0; i < p; i++)
            {
                double di = x[i] - mean[i];
                xty[i] += di * dy;
                for (int j = 0; j <= i; j++) xtx[i, j] += di * (x[j] - mean[j]);
            }
        }
        for (int i = 0; i < p; i++) xtx[i, i] += l2 * n;
        var w = SolveSymmetric(xtx, xty);
        double bias = labelMean;
        for (int j = 0; j < p; j++) bias -= w[j] * mean[j];
        return new LinearRegressionTransformer(featuresColumn, w.Select(v => (float)v).ToArray(), (float)bias);
    }

    /// <summary>The output schema: the input plus a Single <c>Score</c> column.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) =>
        throw new NotSupportedException("GetOutputSchema is not used by this estimator's callers; fit it on data instead");

    private static IEnumerable<(float[] X, float Y)> Rows(IDataView data, DataViewSchema.Column label, DataViewSchema.Column features)
    {
        using var cursor = SequentialCursor.Open(data, [label, features]);
        var getLabel = cursor.GetGetter<float>(label);
        var getFeatures = cursor.GetGetter<VBuffer<float>>(features);
        VBuffer<float> buffer = default;
        var dense = new float[(features.Type as VectorDataViewType)?.Size ?? 0];
        float y = 0;
        while (cursor.MoveNext())
        {
            getLabel(ref y);
            if (float.IsNaN(y)) continue;
            getFeatures(ref buffer);
            buffer.CopyTo(dense);
            yield return (dense, y);
        }
    }

    /// <summary>Solves A w = b for symmetric positive-definite A (lower triangle filled) by Cholesky.</summary>
    private static double[] SolveSymmetric(double[,] a, double[] b)
    {
        int p = b.Length;
        var l = new double[p, p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j <= i; j++)
            {
                double sum = a[i, j];
                for (int k = 0; k < j; k++) sum -= l[i, k] * l[j, k];
                if (i == j)
                {
                    // A zero pivot means a constant or duplicated feature: give it no weight rather than fail.
                    l[i, i] = sum > 1e-12 * Math.Max(1, Math.Abs(a[i, i])) ? Math.Sqrt(sum) : double.PositiveInfinity;
                }
                else l[i, j] = double.IsPositiveInfinity(l[j, j]) ? 0 : sum / l[j, j];
            }
        var z = new double[p];
        for (int i = 0; i < p; i++)
        {
            double sum = b[i];
            for (int k = 0; k < i; k++) sum -= l[i, k] * z[k];
            z[i] = double.IsPositiveInfinity(l[i, i]) ? 0 : sum / l[i, i];
        }
        var w = new double[p];
        for (int i = p - 1; i >= 0; i--)
        {
            double sum = z[i];
            for (int k = i + 1; k < p; k++) sum -= l[k, i] * w[k];
            w[i] = double.IsPositiveInfinity(l[i, i]) ? 0 : sum / l[i, i];
        }
        return w;
    }
}
