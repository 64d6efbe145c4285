using System.Text.Json;
using System.Text.Json.Serialization;
using DeepLearning.Trainers.DataViews;
using DeepLearning.Trainers.Devices;
using DeepLearning.Trainers.Networks;
using DeepLearning.Trainers.Training;
using Microsoft.ML;
using Microsoft.ML.Data;
using static TorchSharp.torch;

namespace DeepLearning.Trainers.Estimators;

/// <summary>A trained autoencoder as an ML.NET transformer. <see cref="AutoencoderOutput.Embedding"/> adds the code
/// as a Single vector column (named by the caller) and <see cref="ReconstructionErrorColumn"/>;
/// <see cref="AutoencoderOutput.AnomalyScore"/> adds a Single <c>Score</c>, the reconstruction error, as the PCA
/// anomaly model does. Saves itself as JSON: architecture, weights and the loss history.</summary>
public sealed class AutoencoderTransformer : IPortableTransformer, INeuralModel, IDisposable
{
    /// <summary>The model's kind, as stored in a bundle.</summary>
    public const string Kind = "torch_autoencoder";

    /// <summary>The column with each row's reconstruction error (embedding output).</summary>
    public const string ReconstructionErrorColumn = "ReconstructionError";

    /// <inheritdoc />
    string IPortableTransformer.Kind => Kind;

    private const int Format = 1;
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly Autoencoder network;
    private readonly string featuresColumn;
    private readonly IReadOnlyList<OutputColumn> outputs;

    /// <summary>Wraps a trained <paramref name="network"/> (put into evaluation mode).</summary>
    public AutoencoderTransformer(Autoencoder network, AutoencoderOutput output, string featuresColumn, string embeddingColumn, TrainingHistory history)
    {
        this.network = network;
        network.eval();
        this.featuresColumn = featuresColumn;
        Output = output;
        EmbeddingColumn = embeddingColumn;
        History = history;
        outputs = output == AutoencoderOutput.Embedding
            ? [new(embeddingColumn, new VectorDataViewType(NumberDataViewType.Single, Architecture.CodeSize), 0),
               new(ReconstructionErrorColumn, NumberDataViewType.Single, Architecture.CodeSize)]
            : [new("Score", NumberDataViewType.Single, 0)];
    }

    /// <summary>What it adds: the embedding or an anomaly score.</summary>
    public AutoencoderOutput Output { get; }

    /// <summary>Embedding: the name of the code column.</summary>
    public string EmbeddingColumn { get; }

    /// <summary>The architecture.</summary>
    public AutoencoderArchitecture Architecture => (AutoencoderArchitecture)network.Architecture;

    /// <summary>Per-epoch training and validation loss, learning rates, best epoch.</summary>
    public TrainingHistory History { get; }

    /// <summary>The device it was trained on and why (null for a model loaded from a stream).</summary>
    public DeviceChoice? Device { get; init; }

    /// <summary>The trained module (evaluation mode).</summary>
    public Autoencoder Network => network;

    /// <inheritdoc />
    NeuralNetwork INeuralModel.Network => network;


    /// <summary>The code of one feature vector.</summary>
    public float[] Encode(ReadOnlySpan<float> features) => Run(features).Code;

    /// <summary>The reconstruction of one feature vector.</summary>
    public float[] Reconstruct(ReadOnlySpan<float> features) => Run(features).Reconstruction;

    /// <summary>Mean squared error of the reconstruction per feature value: the anomaly score.</summary>
    public float ReconstructionError(ReadOnlySpan<float> features)
    {
        var reconstruction = Run(features).Reconstruction;
        return Error(features, reconstruction);
    }

    private (float[] Code, float[] Reconstruction) Run(ReadOnlySpan<float> features)
    {
        int width = Architecture.Inputs;
        if (features.Length != width) throw new ArgumentException($"expected {width} features, received {features.Length}");
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var input = tensor(features.ToArray(), [1, width]);
        var code = network.Encode(input);
        var reconstruction = network.Decode(code);
        return (code.data<float>().ToArray(), reconstruction.data<float>().ToArray());
    }

    private static float Error(ReadOnlySpan<float> features, float[] reconstruction)
    {
        double sum = 0;
        for (int j = 0; j < features.Length; j++) { double d = features[j] - reconstruction[j]; sum += d * d; }
        return (float)(sum / features.Length);
    }

    /// <summary>The output columns' values for one feature vector, laid out as the output columns' offsets say.</summary>
    public float[] Predict(ReadOnlySpan<float> features)
    {
        var (code, reconstruction) = Run(features);
        float error = Error(features, reconstruction);
        if (Output == AutoencoderOutput.AnomalyScore) return [error];
        var result = new float[code.Length + 1];
        code.CopyTo(result, 0);
        result[^1] = error;
        return result;
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input) => new PredictionDataView(input, featuresColumn, outputs, Predict);




    /// <summary>The JSON entry: architecture, output, loss history and the shapes of the weights.</summary>
    public const string NetworkEntry = "network.json";

    /// <summary>Writes <see cref="NetworkEntry"/> and the weights (<see cref="NetworkWeights.Entry"/>).</summary>
    public void SaveTo(IModelEntries entries)
    {
        var shapes = NetworkWeights.Write(entries, network);
        using var stream = entries.Create(NetworkEntry);
        JsonSerializer.Serialize(stream, new State(Format, Output, featuresColumn, EmbeddingColumn, network.Architecture, shapes, History), Json);
    }

    /// <summary>Reads a model written by <see cref="SaveTo"/>; predictions are identical to the saved model's.</summary>
    public static AutoencoderTransformer LoadFrom(IModelEntries entries)
    {
        TorchRuntime.EnsureLoaded();
        State state;
        using (var stream = entries.Open(NetworkEntry))
            state = JsonSerializer.Deserialize<State>(stream, Json) ?? throw new InvalidDataException("empty autoencoder model");
        if (state.Format > Format) throw new InvalidDataException($"autoencoder model format {state.Format} is newer than this version reads ({Format})");
        if (state.Architecture is not AutoencoderArchitecture architecture)
            throw new InvalidDataException($"an autoencoder model holds an autoencoder architecture, not {state.Architecture.GetType().Name}");
        Autoencoder network;
        // Building draws initial weights from libtorch's global generator: keep clear of a seeded fit on another thread.
        lock (TorchGate.Lock) network = architecture.BuildAutoencoder();
        try
        {
            NetworkWeights.Read(entries, network, state.Weights);
        }
        catch
        {
            network.Dispose();
            throw;
        }
        return new AutoencoderTransformer(network, state.Output, state.Features, state.EmbeddingColumn, state.History);
    }

    /// <summary>Frees the network's native memory.</summary>
    public void Dispose() => network.Dispose();

    private sealed record State(int Format, AutoencoderOutput Output, string Features, string EmbeddingColumn, INetworkArchitecture Architecture,
        IReadOnlyList<TensorShape> Weights, TrainingHistory History);
}
