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
/// the general path's. <see cref="Compile"/> proves that on probe rows and training rows when a model is saved (the
/// bundle keeps the result, a <see cref="LinearForm"/>); <see cref="TryCreate"/> on probe rows for a bundle without
/// one, and the batch scorer then again on the first chunk of the file. Anything it does not know (categorical or text
/// features, other transforms or trainers) leaves the model to the general path.</summary>
internal sealed class LinearFastPath
{
    private delegate float DenseDot(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int count);

    private readonly int[] sources;
    private readonly Op[][] steps;
    private readonly float[] weights;
    private readonly float bias;
    private readonly DenseDot? mlnetDot;

    private LinearFastPath(LinearForm form, int[] sources, DenseDot? mlnetDot)
    {
        Form = form;
        this.sources = sources;
        steps = form.Features.Select(f => f.Steps.Select(Op.Of).ToArray()).ToArray();
        weights = form.Features.Select(f => f.Weight).ToArray();
        bias = form.Bias;
        this.mlnetDot = mlnetDot;
        Description = $"compiled linear path ({(form.Sum == LinearSum.Double ? "ols head" : "ML.NET linear model")}, {weights.Length} features)";
    }

    /// <summary>A <see cref="LinearStep"/> as the scoring loop applies it: a replacement of NaN by <see cref="A"/>, or
    /// <c>(x − A) · B</c> in float.</summary>
    private readonly record struct Op(bool Replace, float A, float B)
    {
        public static Op Of(LinearStep step) => step.Fill is { } fill ? new(true, fill, 0) : new(false, step.Offset!.Value, step.Scale!.Value);
    }

    /// <summary>What was compiled, for logs and --json.</summary>
    public string Description { get; }

    /// <summary>The arithmetic compiled, as the bundle stores it.</summary>
    public LinearForm Form { get; }

    /// <summary>Per feature, in <see cref="Form"/>'s order, its index among the names it was bound to.</summary>
    public IReadOnlyList<int> Sources => sources;

    /// <summary>The number of features (the length of a row given to <see cref="ScoreRow"/>).</summary>
    public int FeatureCount => weights.Length;

    /// <summary>Compiles <paramref name="model"/> for chunks whose columns are <paramref name="names"/>; null when
    /// the model is not a numeric-input linear regression this class knows, or when the compiled scores differ from
    /// the model's own on probe rows by a single bit.</summary>
    public static LinearFastPath? TryCreate(PipelineModel model, IReadOnlyList<string> names)
    {
        if (Read(model) is not { } form) return null;
        var inputs = model.Manifest.InputSchema.Select(c => c.Name).ToList();
        if (Bind(form, inputs) is not { } probe || !probe.AgreesOnProbes(model, inputs)) return null;
        return Bind(form, names);
    }

    /// <summary>The arithmetic of <paramref name="model"/>, checked bit for bit against ML.NET's scores on probe rows
    /// and on the first rows of <paramref name="realRows"/> when given; null when the model is not a numeric-input
    /// linear regression this class knows, or when a single score differs.</summary>
    public static LinearForm? Compile(PipelineModel model, DataTable? realRows = null)
    {
        var form = Read(model);
        if (form is null) return null;
        var inputs = model.Manifest.InputSchema.Select(c => c.Name).ToList();
        // The form stands in for the manifest when a file is scored: it must name every input column, all numeric.
        if (model.Manifest.InputSchema.Any(c => c.Kind != ColumnKind.Numeric) || !form.Features.Select(f => f.Name).Order().SequenceEqual(inputs.Order())) return null;
        if (Bind(form, inputs) is not { } compiled || !compiled.AgreesOnProbes(model, inputs)) return null;
        if (realRows is not null && !compiled.AgreesOn(model, realRows)) return null;
        return form;
    }

    /// <summary>Binds <paramref name="form"/> to chunks whose columns are <paramref name="names"/>; null when a
    /// feature is not among them, or ML.NET's dot product cannot be found.</summary>
    public static LinearFastPath? Bind(LinearForm form, IReadOnlyList<string> names)
    {
        var sources = form.Features.Select(f => IndexOf(names, f.Name)).ToArray();
        if (sources.Any(i => i < 0)) return null;
        DenseDot? dot = null;
        if (form.Sum == LinearSum.MlNetDense && (dot = MlNetDenseDot()) is null) return null;
        return new LinearFastPath(form, sources, dot);
    }

    private static LinearForm? Read(PipelineModel model)
    {
        var manifest = model.Manifest;
        var scoring = model.Scoring;
        if (manifest.Task != MlTask.Regression) return null;
        if (manifest.InputSchema.Any(c => c.Kind != ColumnKind.Numeric && c.Kind != ColumnKind.Boolean)) return null;
        var transformers = Flatten(scoring.Chain).ToList();
        var featurization = manifest.Featurization;
        if (transformers.Count < featurization.Count) return null;

        var perColumn = manifest.InputSchema.ToDictionary(c => c.Name, _ => new List<LinearStep>());
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
                        list.Add(new LinearStep(Fill: view.GetColumn<float>(column).First()));
                    }
                    break;
                }
                case "normalize" when transformer is NormalizingTransformer normalizer
                    && (step.Detail.StartsWith("mean_variance", StringComparison.Ordinal) || step.Detail.StartsWith("min_max", StringComparison.Ordinal)):
                    for (int k = 0; k < step.Columns.Count; k++)
                    {
                        if (!perColumn.TryGetValue(step.Columns[k], out var list)) return null;
                        if (normalizer.GetNormalizerModelParameters(k) is not NormalizingTransformer.AffineNormalizerModelParameters<float> affine) return null;
                        list.Add(new LinearStep(Offset: affine.Offset, Scale: affine.Scale));
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
        LinearSum sum;
        if (rest.Count == 0 && scoring.Head is LinearRegressionTransformer ols)
            (weights, bias, sum) = (ols.Weights.ToArray(), ols.Bias, LinearSum.Double);
        else if (rest.Count == 1 && scoring.Head is null && rest[0] is RegressionPredictionTransformer<LinearRegressionModelParameters> linear)
            (weights, bias, sum) = (linear.Model.Weights.ToArray(), linear.Model.Bias, LinearSum.MlNetDense);
        else return null;
        if (weights.Length != order.Length) return null;
        var read = PipelineModel.ReadOptionsFor(manifest, withLabel: false);
        return new LinearForm
        {
            Mlnet = MlNetVersion,
            Separator = read.Separator,
            Header = read.Header,
            Missing = read.MissingValues,
            Features = order.Select((c, j) => new LinearFeature(c, perColumn[c].ToArray(), weights[j])).ToList(),
            Bias = bias,
            Sum = sum,
        };
    }

    /// <summary>The running ML.NET's version (a <see cref="LinearForm"/> is used only by the version that wrote it).</summary>
    public static string MlNetVersion => Running.VersionInfo.MlNetBuild;

    /// <summary>Scores the first <paramref name="count"/> rows held in <paramref name="columns"/> (indexed like the
    /// names given to <see cref="Bind"/>) into <paramref name="scores"/>.</summary>
    public void Score(float[]?[] columns, int count, Span<float> scores)
    {
        int n = sources.Length;
        Span<float> x = n <= 256 ? stackalloc float[n] : new float[n];
        for (int r = 0; r < count; r++)
        {
            for (int j = 0; j < n; j++) x[j] = columns[sources[j]]![r];
            scores[r] = ScoreRow(x);
        }
    }

    /// <summary>The score of one row: <paramref name="x"/> holds its raw feature values in <see cref="Form"/>'s
    /// order and is overwritten with the transformed ones.</summary>
    public float ScoreRow(Span<float> x)
    {
        int n = weights.Length;
        for (int j = 0; j < n; j++)
        {
            float v = x[j];
            foreach (var step in steps[j])
                v = step.Replace ? (float.IsNaN(v) ? step.A : v) : (v - step.A) * step.B;
            x[j] = v;
        }
        if (mlnetDot is { } dot) return bias + dot(weights, x, n);
        // LinearRegressionTransformer.Predict, term for term.
        double sum = bias;
        for (int j = 0; j < n; j++) sum += weights[j] * (double)x[j];
        return (float)sum;
    }

    /// <summary>Whether these scores equal the model's own, bit for bit, on rows that reach every branch: all
    /// missing, zeros, ones, negatives, large and small magnitudes.</summary>
    private bool AgreesOnProbes(PipelineModel model, IReadOnlyList<string> names)
    {
        float[] values = [float.NaN, 0f, 1f, -1.5f, 3.25e6f, -7.125e-4f, 42.4242f];
        var columns = new float[]?[names.Count];
        for (int i = 0; i < names.Count; i++)
            columns[i] = Enumerable.Range(0, values.Length).Select(r => values[(r + i) % values.Length]).ToArray();
        var table = new DataTable(names.Select((name, i) => TableColumn.Numeric(name, ColumnKind.Numeric, columns[i]!)).ToList(),
            "probe", "", Enumerable.Range(1, values.Length).ToArray());
        return AgreesOn(model, table);
    }

    /// <summary>Whether these scores equal the model's own on the first rows of <paramref name="table"/>.</summary>
    private bool AgreesOn(PipelineModel model, DataTable table)
    {
        const int MaxRows = 10_000;
        var rows = Math.Min(table.RowCount, MaxRows);
        if (rows < table.RowCount) table = table.Select(Enumerable.Range(0, rows).ToArray());
        var columns = Form.Features.Select(f => table.Find(f.Name)?.Numbers).ToArray();
        if (columns.Any(c => c is null)) return false;
        var expected = model.Predict(table);
        var scores = new float[rows];
        var x = new float[FeatureCount];
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < x.Length; j++) x[j] = columns[j]![r];
            scores[r] = ScoreRow(x);
            if (!SameBits(scores[r], expected[r].Value!.Value)) return false;
        }
        return true;
    }

    /// <summary>Bitwise equality (NaN equals NaN).</summary>
    public static bool SameBits(float a, float b) => BitConverter.SingleToInt32Bits(a) == BitConverter.SingleToInt32Bits(b) || (float.IsNaN(a) && float.IsNaN(b));

    private static DenseDot? MlNetDenseDot()
    {
        // By name, not through ML.NET's trainer assembly: a compiled model is scored without loading ML.NET's trainers.
        Assembly cpuMath;
        try
        {
            cpuMath = Assembly.Load("Microsoft.ML.CpuMath");
        }
        catch (IOException)
        {
            return null;
        }
        var method = cpuMath.GetType("Microsoft.ML.Internal.CpuMath.CpuMathUtils")?.GetMethod("DotProductDense",
            BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, [typeof(ReadOnlySpan<float>), typeof(ReadOnlySpan<float>), typeof(int)]);
        return method?.CreateDelegate<DenseDot>();
    }

    private static IEnumerable<ITransformer> Flatten(ITransformer transformer) =>
        transformer is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [transformer];

    private static DataTable ProbeTable(IReadOnlyList<string> names, float value) =>
        new(names.Select(n => TableColumn.Numeric(n, ColumnKind.Numeric, [value])).ToList(), "probe", "", [1]);

    /// <summary>The position of <paramref name="name"/> in <paramref name="names"/>, or −1.</summary>
    internal static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++) if (names[i] == name) return i;
        return -1;
    }
}
