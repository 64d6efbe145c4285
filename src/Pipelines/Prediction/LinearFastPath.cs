using System.Reflection;
using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Spec;
using DeepLearning.Trainers.Linear;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms;

namespace DeepLearning.Pipelines.Prediction;

/// <summary>A linear regression model compiled for batch scoring: per feature, the chain's missing-value replacement
/// and affine scaling, then ŷ = b + w·x — over column arrays, with no ML.NET cursor per row. It reproduces the
/// model's own arithmetic operation for operation (float affine steps as ML.NET's normaliser does them, the OLS head's
/// double-precision sum, and ML.NET's own dot product for its linear trainers), so its scores are bit-identical to
/// the general path's; <see cref="TryCreate"/> proves that on probe rows, and the batch scorer again on the first chunk
/// of every file, before it is used. Anything it does not know (categorical or text features, other transforms or
/// trainers) leaves the model to the general path.</summary>
internal sealed class LinearFastPath
{
    private delegate float DenseDot(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int count);

    private readonly int[] sources;
    private readonly Step[][] steps;
    private readonly float[] weights;
    private readonly float bias;
    private readonly DenseDot? mlnetDot;

    private LinearFastPath(int[] sources, Step[][] steps, float[] weights, float bias, DenseDot? mlnetDot, string description)
    {
        this.sources = sources;
        this.steps = steps;
        this.weights = weights;
        this.bias = bias;
        this.mlnetDot = mlnetDot;
        Description = description;
    }

    /// <summary>What was compiled, for logs and --json.</summary>
    public string Description { get; }

    /// <summary>A replacement of NaN (<see cref="Replace"/>) or <c>(x − offset) · scale</c> in float.</summary>
    private readonly record struct Step(bool Replace, float A, float B);

    /// <summary>Compiles <paramref name="model"/> for chunks whose columns are <paramref name="names"/>; null when
    /// the model is not a numeric-input linear regression this class knows, or when the compiled scores differ from
    /// the model's own on probe rows by a single bit.</summary>
    public static LinearFastPath? TryCreate(PipelineModel model, IReadOnlyList<string> names)
    {
        var manifest = model.Manifest;
        var scoring = model.Scoring;
        if (manifest.Task != MlTask.Regression) return null;
        if (manifest.InputSchema.Any(c => c.Kind != ColumnKind.Numeric && c.Kind != ColumnKind.Boolean)) return null;
        var transformers = Flatten(scoring.Chain).ToList();
        var featurization = manifest.Featurization;
        if (transformers.Count < featurization.Count) return null;

        var perColumn = manifest.InputSchema.ToDictionary(c => c.Name, _ => new List<Step>());
        string[]? order = null;
        var probe = ProbeTable(manifest.InputSchema.Select(c => c.Name).ToList(), float.NaN);
        for (int s = 0; s < featurization.Count; s++)
        {
            var step = featurization[s];
            var transformer = transformers[s];
            if (order is not null) return null; // concatenate must come last
            switch (step.Transform)
            {
                case "replace_missing" when transformer.GetType().Name == "MissingValueReplacingTransformer":
                {
                    // The fill values are read back from the transformer itself: the prefix of the chain applied to
                    // a row of NaN (earlier affine steps keep NaN as NaN).
                    IDataView view = probe.View();
                    for (int t = 0; t <= s; t++) view = transformers[t].Transform(view);
                    foreach (var column in step.Columns)
                    {
                        if (!perColumn.TryGetValue(column, out var list)) return null;
                        list.Add(new Step(true, view.GetColumn<float>(column).First(), 0));
                    }
                    break;
                }
                case "normalize" when transformer is NormalizingTransformer normalizer
                    && (step.Detail.StartsWith("mean_variance", StringComparison.Ordinal) || step.Detail.StartsWith("min_max", StringComparison.Ordinal)):
                    for (int k = 0; k < step.Columns.Count; k++)
                    {
                        if (!perColumn.TryGetValue(step.Columns[k], out var list)) return null;
                        if (normalizer.GetNormalizerModelParameters(k) is not NormalizingTransformer.AffineNormalizerModelParameters<float> affine) return null;
                        list.Add(new Step(false, affine.Offset, affine.Scale));
                    }
                    break;
                case "concatenate" when transformer is ColumnConcatenatingTransformer:
                    if (step.Columns.Any(c => !perColumn.ContainsKey(c))) return null;
                    order = step.Columns.ToArray();
                    break;
                default:
                    return null;
            }
        }
        if (order is null) return null;

        var rest = transformers.Skip(featurization.Count).ToList();
        float[] weights;
        float bias;
        DenseDot? dot = null;
        string trainer;
        if (rest.Count == 0 && scoring.Head is LinearRegressionTransformer ols)
        {
            (weights, bias, trainer) = (ols.Weights.ToArray(), ols.Bias, "ols head");
        }
        else if (rest.Count == 1 && scoring.Head is null && rest[0] is RegressionPredictionTransformer<LinearRegressionModelParameters> linear)
        {
            // ML.NET scores Bias + DotProductDense(weights, features) with its own SIMD kernel, whose summation order
            // decides the last bit; calling that kernel keeps the result identical. Without it, no fast path.
            dot = MlNetDenseDot();
            if (dot is null) return null;
            (weights, bias, trainer) = (linear.Model.Weights.ToArray(), linear.Model.Bias, "ML.NET linear model");
        }
        else return null;
        if (weights.Length != order.Length) return null;

        var sources = order.Select(c => IndexOf(names, c)).ToArray();
        if (sources.Any(i => i < 0)) return null;
        var compiled = new LinearFastPath(sources, order.Select(c => perColumn[c].ToArray()).ToArray(), weights, bias, dot,
            $"compiled linear path ({trainer}, {order.Length} features)");
        return compiled.AgreesOnProbes(model, names) ? compiled : null;
    }

    /// <summary>Scores the first <paramref name="count"/> rows held in <paramref name="columns"/> (indexed like the
    /// names given to <see cref="TryCreate"/>) into <paramref name="scores"/>.</summary>
    public void Score(float[]?[] columns, int count, Span<float> scores)
    {
        int n = sources.Length;
        Span<float> x = n <= 256 ? stackalloc float[n] : new float[n];
        for (int r = 0; r < count; r++)
        {
            for (int j = 0; j < n; j++)
            {
                float v = columns[sources[j]]![r];
                foreach (var step in steps[j])
                    v = step.Replace ? (float.IsNaN(v) ? step.A : v) : (v - step.A) * step.B;
                x[j] = v;
            }
            if (mlnetDot is { } dot) scores[r] = bias + dot(weights, x, n);
            else
            {
                // LinearRegressionTransformer.Predict, term for term.
                double sum = bias;
                for (int j = 0; j < n; j++) sum += weights[j] * (double)x[j];
                scores[r] = (float)sum;
            }
        }
    }

    /// <summary>Whether these scores equal the model's own, bit for bit, on rows that reach every branch: all
    /// missing, zeros, ones, negatives, large and small magnitudes.</summary>
    private bool AgreesOnProbes(PipelineModel model, IReadOnlyList<string> names)
    {
        float[] values = [float.NaN, 0f, 1f, -1.5f, 3.25e6f, -7.125e-4f, 42.4242f];
        var inputs = model.Manifest.InputSchema.Select(c => c.Name).ToList();
        var columns = new float[]?[names.Count];
        for (int i = 0; i < names.Count; i++)
            columns[i] = Enumerable.Range(0, values.Length).Select(r => values[(r + i) % values.Length]).ToArray();
        var table = new DataTable(inputs.Select(name => TableColumn.Numeric(name, ColumnKind.Numeric,
            columns[IndexOf(names, name)] ?? new float[values.Length])).ToList(), "probe", "", Enumerable.Range(1, values.Length).ToArray());
        var expected = model.Predict(table);
        var scores = new float[values.Length];
        Score(columns, values.Length, scores);
        for (int r = 0; r < values.Length; r++)
            if (!SameBits(scores[r], expected[r].Value!.Value)) return false;
        return true;
    }

    /// <summary>Bitwise equality (NaN equals NaN).</summary>
    public static bool SameBits(float a, float b) => BitConverter.SingleToInt32Bits(a) == BitConverter.SingleToInt32Bits(b) || (float.IsNaN(a) && float.IsNaN(b));

    private static DenseDot? MlNetDenseDot()
    {
        var type = typeof(LinearModelParameters).Assembly.GetReferencedAssemblies()
            .Where(a => a.Name == "Microsoft.ML.CpuMath").Select(Assembly.Load)
            .Select(a => a.GetType("Microsoft.ML.Internal.CpuMath.CpuMathUtils")).FirstOrDefault(t => t is not null);
        var method = type?.GetMethod("DotProductDense", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static,
            [typeof(ReadOnlySpan<float>), typeof(ReadOnlySpan<float>), typeof(int)]);
        return method?.CreateDelegate<DenseDot>();
    }

    private static IEnumerable<ITransformer> Flatten(ITransformer transformer) =>
        transformer is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [transformer];

    private static DataTable ProbeTable(IReadOnlyList<string> names, float value) =>
        new(names.Select(n => TableColumn.Numeric(n, ColumnKind.Numeric, [value])).ToList(), "probe", "", [1]);

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++) if (names[i] == name) return i;
        return -1;
    }
}
