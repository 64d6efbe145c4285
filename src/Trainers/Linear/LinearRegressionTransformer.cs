using System.Text.Json;
using DeepLearning.Trainers.DataViews;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace DeepLearning.Trainers.Linear;

/// <summary>A fitted linear model ŷ = w·x + b that adds a Single <c>Score</c> column. Saves itself as JSON
/// (ML.NET cannot save third-party transformers; the model bundle stores this stream).</summary>
public sealed class LinearRegressionTransformer : IPortableTransformer
{
    /// <summary>The model's kind, as stored in a bundle.</summary>
    public const string Kind = "linear_regression";

    /// <inheritdoc />
    string IPortableTransformer.Kind => Kind;

    private readonly string featuresColumn;

    /// <summary>Creates the transformer from fitted weights.</summary>
    public LinearRegressionTransformer(string featuresColumn, float[] weights, float bias)
    {
        this.featuresColumn = featuresColumn;
        Weights = weights;
        Bias = bias;
    }

    /// <summary>w.</summary>
    public IReadOnlyList<float> Weights { get; }

    /// <summary>b.</summary>
    public float Bias { get; }


    /// <summary>ŷ for one feature vector.</summary>
    public float Predict(ReadOnlySpan<float> x)
    {
        if (x.Length != Weights.Count)
            throw new ArgumentException($"expected {Weights.Count} features, received {x.Length}");
        double sum = Bias;
        for (int i = 0; i < x.Length; i++) sum += Weights[i] * (double)x[i];
        return (float)sum;
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input) =>
        new PredictionDataView(input, featuresColumn, [new OutputColumn("Score", NumberDataViewType.Single, 0)], x => [Predict(x)]);




    /// <summary>Writes the model as JSON: features column, weights, bias.</summary>
    public void SaveTo(IModelEntries entries)
    {
        using var stream = entries.Create(Entry);
        JsonSerializer.Serialize(stream, new State(featuresColumn, Weights.ToArray(), Bias));
    }

    /// <summary>Reads a model written by <see cref="SaveTo"/>.</summary>
    public static LinearRegressionTransformer LoadFrom(IModelEntries entries)
    {
        using var stream = entries.Open(Entry);
        var state = JsonSerializer.Deserialize<State>(stream) ?? throw new InvalidDataException("empty linear model");
        return new LinearRegressionTransformer(state.Features, state.Weights, state.Bias);
    }

    private const string Entry = "model.json";

    private sealed record State(string Features, float[] Weights, float Bias);
}
