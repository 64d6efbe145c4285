using System.Text.Json;
using DeepLearning.Trainers.DataViews;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace DeepLearning.Trainers.Decomposition;

/// <summary>A fitted PCA anomaly model: adds a Single <c>Score</c> = squared distance of the (centred) row from the
/// principal subspace. Saves itself as JSON.</summary>
public sealed class PcaAnomalyTransformer : IPortableTransformer
{
    /// <summary>The model's kind, as stored in a bundle.</summary>
    public const string Kind = "pca_anomaly";

    private readonly string featuresColumn;
    private readonly float[] mean;
    private readonly float[][] components;

    /// <summary>Creates the model from a mean and orthonormal components (rank × features).</summary>
    public PcaAnomalyTransformer(string featuresColumn, float[] mean, float[][] components)
    {
        this.featuresColumn = featuresColumn;
        this.mean = mean;
        this.components = components;
    }

    /// <inheritdoc />
    string IPortableTransformer.Kind => Kind;

    /// <summary>Number of components.</summary>
    public int Rank => components.Length;


    /// <summary>‖x − μ‖² − Σ (vᵢ·(x − μ))²: what the components leave unexplained.</summary>
    public float Score(ReadOnlySpan<float> x)
    {
        if (x.Length != mean.Length) throw new ArgumentException($"expected {mean.Length} features, received {x.Length}");
        double total = 0;
        for (int j = 0; j < x.Length; j++) { double d = x[j] - mean[j]; total += d * d; }
        double explained = 0;
        foreach (var v in components)
        {
            double dot = 0;
            for (int j = 0; j < x.Length; j++) dot += v[j] * (x[j] - mean[j]);
            explained += dot * dot;
        }
        return (float)Math.Max(0, total - explained);
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input) =>
        new PredictionDataView(input, featuresColumn, [new OutputColumn("Score", NumberDataViewType.Single, 0)], x => [Score(x)]);




    /// <inheritdoc />
    public void SaveTo(IModelEntries entries)
    {
        using var stream = entries.Create(Entry);
        JsonSerializer.Serialize(stream, new State(featuresColumn, mean, components));
    }

    /// <summary>Reads a model written by <see cref="SaveTo"/>.</summary>
    public static PcaAnomalyTransformer LoadFrom(IModelEntries entries)
    {
        using var stream = entries.Open(Entry);
        var state = JsonSerializer.Deserialize<State>(stream) ?? throw new InvalidDataException("empty PCA model");
        return new PcaAnomalyTransformer(state.Features, state.Mean, state.Components);
    }

    private const string Entry = "model.json";

    private sealed record State(string Features, float[] Mean, float[][] Components);
}
