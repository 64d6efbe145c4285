using System.Text.Json;
using System.Text.Json.Serialization;
using DeepLearning.Trainers.Activations;
using DeepLearning.Trainers.DataViews;
using DeepLearning.Trainers.Networks;
using DeepLearning.Trainers.Training;
using Microsoft.ML;
using Microsoft.ML.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace DeepLearning.Trainers.Estimators;

/// <summary>A trained network as an ML.NET transformer. Adds regression <c>Score</c> (Single); binary <c>Score</c>
/// (the network output), <c>Probability</c> and <c>PredictedLabel</c> (Boolean); multiclass <c>Score</c> (one
/// probability per class) and <c>PredictedLabel</c> (a key with the label's key count). Saves itself as two entries:
/// JSON (architecture, class names, loss history) and the weights as raw floats.</summary>
public sealed class NeuralTransformer : IPortableTransformer, INeuralModel
{
    /// <summary>The model's kind, as stored in a bundle.</summary>
    public const string Kind = "torch_network";

    /// <inheritdoc />
    string IPortableTransformer.Kind => Kind;

    // 2: weights as raw floats beside the JSON (1 held them in the JSON).
    private const int Format = 2;
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly NeuralNetwork network;
    private readonly string featuresColumn;
    private readonly IReadOnlyList<OutputColumn> outputs;

    /// <summary>Wraps a trained <paramref name="network"/> (put into evaluation mode).</summary>
    public NeuralTransformer(NeuralNetwork network, NeuralTask task, string featuresColumn, IReadOnlyList<string>? classNames, TrainingHistory history)
    {
        this.network = network;
        network.eval();
        this.featuresColumn = featuresColumn;
        Task = task;
        ClassNames = classNames;
        History = history;
        outputs = Columns(task, network.Architecture.Outputs, classNames);
    }

    /// <summary>The task.</summary>
    public NeuralTask Task { get; }

    /// <summary>The network's architecture.</summary>
    public INetworkArchitecture Architecture => network.Architecture;

    /// <summary>Multiclass: class names of keys 1..k when the label had key values.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>Per-epoch training and validation loss, learning rates, best epoch.</summary>
    public TrainingHistory History { get; }

    /// <summary>Regression: the score is the network output × <see cref="LabelScale"/> + this (the label was
    /// standardised for training).</summary>
    public double LabelShift { get; init; }

    /// <summary>Regression: see <see cref="LabelShift"/>.</summary>
    public double LabelScale { get; init; } = 1;

    /// <summary>The device it was trained on and why (null for a model loaded from a stream).</summary>
    public DeepLearning.Trainers.Devices.DeviceChoice? Device { get; init; }

    /// <summary>The trained TorchSharp module (evaluation mode).</summary>
    public NeuralNetwork Network => network;


    /// <summary>The raw network outputs for one feature vector (a value, a logit or output activation, or class logits).</summary>
    public float[] Forward(ReadOnlySpan<float> features)
    {
        int width = network.Architecture.Inputs;
        if (features.Length != width) throw new ArgumentException($"expected {width} features, received {features.Length}");
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var input = tensor(features.ToArray(), [1, width]);
        return network.forward(input).data<float>().ToArray();
    }

    /// <summary>The output columns' values for one feature vector, laid out as <see cref="OutputColumn"/> offsets say.</summary>
    public float[] Predict(ReadOnlySpan<float> features)
    {
        var raw = Forward(features);
        switch (Task)
        {
            case NeuralTask.Regression:
                return [(float)(raw[0] * LabelScale + LabelShift)];
            case NeuralTask.Binary:
            {
                float p = network.Architecture.OutputActivation switch
                {
                    ActivationKind.Identity => (float)(1 / (1 + Math.Exp(-raw[0]))),
                    ActivationKind.Tanh => (raw[0] + 1) / 2,
                    _ => raw[0],
                };
                return [raw[0], p, p > 0.5f ? 1 : 0];
            }
            default:
            {
                var result = new float[raw.Length + 1];
                double max = raw.Max(), sum = 0;
                for (int i = 0; i < raw.Length; i++) sum += Math.Exp(raw[i] - max);
                int best = 0;
                for (int i = 0; i < raw.Length; i++)
                {
                    result[i] = (float)(Math.Exp(raw[i] - max) / sum);
                    if (raw[i] > raw[best]) best = i;
                }
                result[raw.Length] = best + 1;
                return result;
            }
        }
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input) => new PredictionDataView(input, featuresColumn, outputs, Predict);




    private static IReadOnlyList<OutputColumn> Columns(NeuralTask task, int classes, IReadOnlyList<string>? names)
    {
        switch (task)
        {
            case NeuralTask.Regression:
                return [new("Score", NumberDataViewType.Single, 0)];
            case NeuralTask.Binary:
                return [new("Score", NumberDataViewType.Single, 0), new("Probability", NumberDataViewType.Single, 1), new("PredictedLabel", BooleanDataViewType.Instance, 2)];
            default:
                return MulticlassColumns.For(classes, names);
        }
    }

    /// <summary>The JSON entry: architecture, task, class names, loss history and the shapes of the weights.</summary>
    public const string NetworkEntry = "network.json";

    /// <summary>Writes <see cref="NetworkEntry"/> and the weights (<see cref="NetworkWeights.Entry"/>).</summary>
    public void SaveTo(IModelEntries entries)
    {
        var shapes = NetworkWeights.Write(entries, network);
        using var stream = entries.Create(NetworkEntry);
        JsonSerializer.Serialize(stream, new State(Format, Task, featuresColumn, network.Architecture, shapes, ClassNames, History, LabelShift, LabelScale), Json);
    }

    /// <summary>Reads a model written by <see cref="SaveTo"/>; predictions are identical to the saved model's.</summary>
    public static NeuralTransformer LoadFrom(IModelEntries entries)
    {
        DeepLearning.Trainers.Devices.TorchRuntime.EnsureLoaded();
        State state;
        using (var stream = entries.Open(NetworkEntry))
            state = JsonSerializer.Deserialize<State>(stream, Json) ?? throw new InvalidDataException("empty neural model");
        if (state.Format > Format) throw new InvalidDataException($"neural model format {state.Format} is newer than this version reads ({Format})");
        NeuralNetwork network;
        // Building draws initial weights from libtorch's global generator: keep clear of a seeded fit on another thread.
        lock (TorchGate.Lock) network = state.Architecture.Build();
        try
        {
            NetworkWeights.Read(entries, network, state.Weights);
        }
        catch
        {
            network.Dispose();
            throw;
        }
        return new NeuralTransformer(network, state.Task, state.Features, state.ClassNames, state.History)
        {
            LabelShift = state.LabelShift,
            LabelScale = state.LabelScale,
        };
    }

    private sealed record State(int Format, NeuralTask Task, string Features, INetworkArchitecture Architecture,
        IReadOnlyList<TensorShape> Weights, IReadOnlyList<string>? ClassNames, TrainingHistory History, double LabelShift, double LabelScale);
}
