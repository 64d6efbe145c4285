using DeepLearning.Trainers.DataViews;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace DeepLearning.Trainers.Linear;

/// <summary>Multinomial logistic regression (maximum entropy) fitted by L-BFGS, or OWL-QN with an L1 weight, on the
/// rows held in memory. Minimises the objective ML.NET's <c>LbfgsMaximumEntropy</c> minimises, with the same
/// stopping rule, but reads the data once and then passes over arrays: on small sets ML.NET's per-pass cursor
/// overhead was most of the fit (make bench, digits).</summary>
public sealed class SoftmaxRegressionEstimator(string labelColumn, string featuresColumn, SoftmaxRegressionEstimator.Options options) : IEstimator<ITransformer>
{
    /// <summary>Regularisation and stopping.</summary>
    public sealed record Options
    {
        /// <summary>L1 weight (on the summed loss, as ML.NET's).</summary>
        public double L1 { get; init; } = 1;

        /// <summary>L2 weight (on the summed loss, as ML.NET's).</summary>
        public double L2 { get; init; } = 1;

        /// <summary>Stop when the objective's mean relative improvement over 5 iterations falls below this.</summary>
        public double Tolerance { get; init; } = 1e-7;

        /// <summary>Curvature pairs kept.</summary>
        public int History { get; init; } = 20;

        /// <summary>Iteration cap.</summary>
        public int MaxIterations { get; init; } = int.MaxValue;
    }

    /// <inheritdoc />
    public ITransformer Fit(IDataView input) => FitModel(input);

    /// <summary>As <see cref="Fit"/>, typed.</summary>
    public SoftmaxRegressionTransformer FitModel(IDataView input)
    {
        var label = input.Schema.GetColumnOrNull(labelColumn) ?? throw new ArgumentException($"the data has no label column '{labelColumn}'");
        if (label.Type is not KeyDataViewType key) throw new ArgumentException($"the label '{labelColumn}' must be a key column, not {label.Type}");
        int classes = checked((int)key.Count);
        if (classes < 2) throw new ArgumentException($"multiclass needs at least 2 classes; the label key has {classes}");
        var rows = SparseRows.Read(input, labelColumn, featuresColumn, classes);
        if (rows.Count == 0)
            throw new InvalidOperationException($"no rows to fit: all {rows.Skipped} have a missing label or a NaN or infinite feature");

        var loss = new SoftmaxLoss(rows, classes, options.L2);
        var x = new double[loss.Dimension];
        var result = LimitedMemoryBfgs.Minimize(loss.Evaluate, x, options.History, options.Tolerance, options.MaxIterations,
            options.L1 / rows.Count, loss.WeightCount);

        var weights = x.AsSpan(0, loss.WeightCount).ToArray().Select(v => (float)v).ToArray();
        var biases = x.AsSpan(loss.WeightCount).ToArray().Select(v => (float)v).ToArray();
        var fit = new SoftmaxFit(rows.Count, rows.Skipped, result.Iterations, result.Value, result.Converged, weights.Count(w => w != 0));
        return new SoftmaxRegressionTransformer(featuresColumn, weights, biases, MulticlassColumns.ClassNames(label, classes), fit);
    }

    /// <summary>Not used by this library's callers, which fit on data.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) =>
        throw new NotSupportedException("fit the estimator on data; its transformer's GetOutputSchema gives the schema");
}
