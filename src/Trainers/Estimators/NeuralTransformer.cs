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
/// probability per class) and <c>PredictedLabel</c> (a key with the label's key count). Saves itself as JSON:
/// architecture, weights as float arrays, class names and the loss history.</summary>
public sealed class NeuralTransformer : IPortableTransformer
{
    /// <summary>The model's kind, as stored in a bundle.</summary>
    public const string Kind = "torch_network";

    /// <inheritdoc />
    string IPortableTransformer.Kind => Kind;

    private const int Format = 1;
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

    /// <inheritdoc />
    public bool IsRowToRowMapper => false;

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

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => Transform(new SchemaOnlyDataView(inputSchema)).Schema;

    /// <inheritdoc />
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) =>
        throw new NotSupportedException("use Transform; this model maps whole views");

    /// <inheritdoc />
    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        throw new NotSupportedException("ML.NET cannot save third-party transformers; call SaveTo(stream)");

    private static IReadOnlyList<OutputColumn> Columns(NeuralTask task, int classes, IReadOnlyList<string>? names)
    {
        switch (task)
        {
            case NeuralTask.Regression:
                return [new("Score", NumberDataViewType.Single, 0)];
            case NeuralTask.Binary:
                return [new("Score", NumberDataViewType.Single, 0), new("Probability", NumberDataViewType.Single, 1), new("PredictedLabel", BooleanDataViewType.Instance, 2)];
            default:
                DataViewSchema.Annotations? slots = null, keys = null;
                if (names is not null)
                {
                    var text = names.Select(n => n.AsMemory()).ToArray();
                    ValueGetter<VBuffer<ReadOnlyMemory<char>>> getter = (ref VBuffer<ReadOnlyMemory<char>> value) =>
                        value = new VBuffer<ReadOnlyMemory<char>>(text.Length, text);
                    var slotBuilder = new DataViewSchema.Annotations.Builder();
                    slotBuilder.Add(AnnotationNames.SlotNames, new VectorDataViewType(TextDataViewType.Instance, text.Length), getter);
                    slots = slotBuilder.ToAnnotations();
                    var keyBuilder = new DataViewSchema.Annotations.Builder();
                    keyBuilder.Add(AnnotationNames.KeyValues, new VectorDataViewType(TextDataViewType.Instance, text.Length), getter);
                    keys = keyBuilder.ToAnnotations();
                }
                return
                [
                    new("Score", new VectorDataViewType(NumberDataViewType.Single, classes), 0, slots),
                    new("PredictedLabel", new KeyDataViewType(typeof(uint), (ulong)classes), classes, keys),
                ];
        }
    }

    /// <summary>Writes the model as JSON: architecture, weights, class names, loss history.</summary>
    public void SaveTo(Stream stream)
    {
        var parameters = network.named_parameters()
            .Select(p => new ParameterState(p.name, p.parameter.shape, p.parameter.data<float>().ToArray()))
            .ToList();
        // Buffers are state that is not trained by gradients but needed to predict: batch norm's running mean and
        // variance (and its step count, stored as a float).
        using var scope = NewDisposeScope();
        var buffers = network.named_buffers()
            .Select(b => new ParameterState(b.name, b.buffer.shape, b.buffer.to_type(ScalarType.Float32).cpu().data<float>().ToArray()))
            .ToList();
        JsonSerializer.Serialize(stream, new State(Format, Task, featuresColumn, network.Architecture, parameters, ClassNames, History, LabelShift, LabelScale)
        {
            Buffers = buffers.Count > 0 ? buffers : null,
        }, Json);
    }

    /// <summary>Reads a model written by <see cref="SaveTo"/>; predictions are identical to the saved model's.</summary>
    public static NeuralTransformer LoadFrom(Stream stream)
    {
        DeepLearning.Trainers.Devices.TorchRuntime.EnsureLoaded();
        var state = JsonSerializer.Deserialize<State>(stream, Json) ?? throw new InvalidDataException("empty neural model");
        if (state.Format > Format) throw new InvalidDataException($"neural model format {state.Format} is newer than this version reads ({Format})");
        NeuralNetwork network;
        // Building draws initial weights from libtorch's global generator: keep clear of a seeded fit on another thread.
        lock (TorchGate.Lock) network = state.Architecture.Build();
        var saved = state.Parameters.ToDictionary(p => p.Name);
        using (no_grad())
        {
            foreach (var (name, parameter) in network.named_parameters())
            {
                if (!saved.TryGetValue(name, out var p) || !p.Shape.SequenceEqual(parameter.shape))
                    throw new InvalidDataException($"neural model: parameter '{name}' is missing or has another shape");
                using var value = tensor(p.Values, p.Shape);
                parameter.copy_(value);
            }
            var savedBuffers = (state.Buffers ?? []).ToDictionary(b => b.Name);
            foreach (var (name, buffer) in network.named_buffers())
            {
                if (!savedBuffers.TryGetValue(name, out var b) || !b.Shape.SequenceEqual(buffer.shape))
                    throw new InvalidDataException($"neural model: buffer '{name}' (batch-norm statistics) is missing or has another shape");
                using var value = tensor(b.Values, b.Shape);
                buffer.copy_(value);
            }
        }
        return new NeuralTransformer(network, state.Task, state.Features, state.ClassNames, state.History)
        {
            LabelShift = state.LabelShift,
            LabelScale = state.LabelScale,
        };
    }

    private sealed record ParameterState(string Name, long[] Shape, float[] Values);

    private sealed record State(int Format, NeuralTask Task, string Features, INetworkArchitecture Architecture,
        IReadOnlyList<ParameterState> Parameters, IReadOnlyList<string>? ClassNames, TrainingHistory History, double LabelShift, double LabelScale)
    {
        /// <summary>Non-trained state such as batch norm's running statistics; null for networks without any.</summary>
        public IReadOnlyList<ParameterState>? Buffers { get; init; }
    }
}
