using System.Text.Json;
using DeepLearning.Trainers.DataViews;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace DeepLearning.Trainers.Linear;

/// <summary>A fitted multinomial logistic regression: p = softmax(Wᵀx + b). Adds <c>Score</c> (one probability per
/// class) and <c>PredictedLabel</c> (a key 1..k), as ML.NET's maximum-entropy model does, and saves itself as JSON.</summary>
public sealed class SoftmaxRegressionTransformer : IPortableTransformer
{
    /// <summary>The model's kind, as stored in a bundle.</summary>
    public const string Kind = "softmax_regression";

    /// <inheritdoc />
    string IPortableTransformer.Kind => Kind;

    private const int Format = 1;
    private const string Entry = "model.json";

    private readonly string featuresColumn;
    private readonly float[] weights;   // features × classes, one row per feature
    private readonly float[] biases;
    private readonly IReadOnlyList<OutputColumn> outputs;

    /// <summary>Creates the model from fitted parameters: <paramref name="weights"/> holds features × classes values,
    /// one row of <paramref name="biases"/>.Length values per feature.</summary>
    public SoftmaxRegressionTransformer(string featuresColumn, float[] weights, float[] biases, IReadOnlyList<string>? classNames, SoftmaxFit fit)
    {
        if (biases.Length < 2 || weights.Length % biases.Length != 0)
            throw new ArgumentException($"{weights.Length} weights do not make whole rows of {biases.Length} classes");
        if (classNames is not null && classNames.Count != biases.Length)
            throw new ArgumentException($"{classNames.Count} class names for {biases.Length} classes");
        this.featuresColumn = featuresColumn;
        this.weights = weights;
        this.biases = biases;
        ClassNames = classNames;
        Fit = fit;
        outputs = MulticlassColumns.For(biases.Length, classNames);
    }

    /// <summary>Classes.</summary>
    public int Classes => biases.Length;

    /// <summary>Features per row.</summary>
    public int Features => weights.Length / biases.Length;

    /// <summary>Class names of keys 1..k, when the label had them.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>How the fit went.</summary>
    public SoftmaxFit Fit { get; }

    /// <summary>W[feature, class].</summary>
    public float Weight(int feature, int @class) => weights[feature * Classes + @class];

    /// <summary>b[class].</summary>
    public float Bias(int @class) => biases[@class];


    /// <summary>The class probabilities of one feature vector, then the predicted key (1-based).</summary>
    public float[] Predict(ReadOnlySpan<float> x)
    {
        if (x.Length != Features) throw new ArgumentException($"expected {Features} features, received {x.Length}");
        int k = Classes;
        var z = new double[k];
        for (int c = 0; c < k; c++) z[c] = biases[c];
        for (int j = 0; j < x.Length; j++)
        {
            float v = x[j];
            if (v == 0) continue;
            for (int c = 0; c < k; c++) z[c] += v * (double)weights[j * k + c];
        }
        int best = 0;
        for (int c = 1; c < k; c++) if (z[c] > z[best]) best = c;
        double max = z[best], total = 0;
        for (int c = 0; c < k; c++) total += z[c] = Math.Exp(z[c] - max);
        var result = new float[k + 1];
        for (int c = 0; c < k; c++) result[c] = (float)(z[c] / total);
        result[k] = best + 1;
        return result;
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input) => new PredictionDataView(input, featuresColumn, outputs, Predict);




    /// <summary>Writes the model as JSON: features column, class names, weights, biases and how the fit went.</summary>
    public void SaveTo(IModelEntries entries)
    {
        using var stream = entries.Create(Entry);
        JsonSerializer.Serialize(stream, new State(Format, featuresColumn, Classes, ClassNames, weights, biases, Fit));
    }

    /// <summary>Reads a model written by <see cref="SaveTo"/>; its predictions equal the saved model's.</summary>
    public static SoftmaxRegressionTransformer LoadFrom(IModelEntries entries)
    {
        using var stream = entries.Open(Entry);
        var state = JsonSerializer.Deserialize<State>(stream) ?? throw new InvalidDataException("empty softmax regression model");
        if (state.Format > Format)
            throw new InvalidDataException($"softmax regression format {state.Format} is newer than this version reads ({Format})");
        if (state.Classes < 2 || state.Classes != state.Biases?.Length || state.Weights is null || state.Weights.Length % state.Classes != 0
            || state.ClassNames is { } names && names.Count != state.Classes || state.Features is null || state.Fit is null)
            throw new InvalidDataException($"the softmax regression model is damaged: {state.Classes} classes, {state.Biases?.Length} biases, "
                + $"{state.Weights?.Length} weights (a whole number of rows of one weight per class), {state.ClassNames?.Count} class names");
        return new SoftmaxRegressionTransformer(state.Features, state.Weights, state.Biases, state.ClassNames, state.Fit);
    }

    private sealed record State(int Format, string Features, int Classes, IReadOnlyList<string>? ClassNames, float[] Weights, float[] Biases, SoftmaxFit Fit);
}

/// <summary>How a softmax regression fit went.</summary>
/// <param name="Rows">Rows fitted on.</param>
/// <param name="SkippedRows">Rows left out (missing label, or a NaN or infinite feature).</param>
/// <param name="Iterations">L-BFGS iterations.</param>
/// <param name="Objective">The regularised loss per row at the end.</param>
/// <param name="Converged">Whether the tolerance stopped it (false: the iteration cap, or no further step improved).</param>
/// <param name="NonZeroWeights">Weights not zero (L1 drives some to exactly 0).</param>
public sealed record SoftmaxFit(int Rows, long SkippedRows, int Iterations, double Objective, bool Converged, int NonZeroWeights);
