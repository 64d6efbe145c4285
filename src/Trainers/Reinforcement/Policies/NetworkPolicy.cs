using System.Text.Json;
using DeepLearning.Trainers.Networks;
using DeepLearning.Trainers.Reinforcement.Environments;
using DeepLearning.Trainers.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace DeepLearning.Trainers.Reinforcement.Policies;

/// <summary>A policy held by a network that maps an observation to one output per action: action values (DQN) or
/// logits whose softmax is the action probabilities (REINFORCE). Saved as the architecture and the weights.</summary>
public sealed class NetworkPolicy : IPolicy
{
    /// <summary>The kind stored in a bundle.</summary>
    public const string KindName = "policy_network";

    private const int Format = 1;
    private readonly NeuralNetwork network;

    /// <summary>Wraps <paramref name="network"/> (on the CPU; put into evaluation mode). The policy owns it.</summary>
    public NetworkPolicy(NeuralNetwork network, ActionScores scores)
    {
        this.network = network;
        network.eval();
        ScoreKind = scores;
    }

    /// <summary>A policy holding a CPU copy of <paramref name="network"/>'s weights, so the agent may go on training
    /// (or be disposed) without changing the policy.</summary>
    public static NetworkPolicy CopyOf(NeuralNetwork network, ActionScores scores)
    {
        NeuralNetwork copy;
        // Building draws (then overwritten) initial weights from libtorch's global generator.
        lock (TorchGate.Lock) copy = network.Architecture.Build();
        using (no_grad())
        {
            foreach (var (source, destination) in network.parameters().Zip(copy.parameters()))
            {
                using var host = source.detach().cpu();
                destination.copy_(host);
            }
        }
        return new NetworkPolicy(copy, scores);
    }

    /// <inheritdoc />
    public string Kind => KindName;

    /// <inheritdoc />
    public int ActionCount => network.Architecture.Outputs;

    /// <inheritdoc />
    public ActionScores ScoreKind { get; }

    /// <summary>The network's shape.</summary>
    public NetworkArchitecture Architecture => (NetworkArchitecture)network.Architecture;

    /// <summary>The network's outputs for one observation: Q-values or logits.</summary>
    public double[] Outputs(Observation observation)
    {
        int width = network.Architecture.Inputs;
        if (observation.Vector.Length != width) throw new ArgumentException($"expected an observation of {width} numbers, received {observation.Vector.Length}");
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var input = tensor(observation.Vector, [1, width]);
        return network.forward(input).data<float>().ToArray().Select(v => (double)v).ToArray();
    }

    /// <inheritdoc />
    public double[] Scores(Observation observation)
    {
        var raw = Outputs(observation);
        return ScoreKind == ActionScores.Probabilities ? Softmax(raw) : raw;
    }

    /// <inheritdoc />
    public int Act(Observation observation) => IPolicy.ArgMax(Outputs(observation));

    /// <summary>exp(zᵢ − max) / Σ exp(zⱼ − max).</summary>
    public static double[] Softmax(ReadOnlySpan<double> logits)
    {
        double max = double.NegativeInfinity;
        foreach (var z in logits) max = Math.Max(max, z);
        var p = new double[logits.Length];
        double sum = 0;
        for (int i = 0; i < p.Length; i++) sum += p[i] = Math.Exp(logits[i] - max);
        for (int i = 0; i < p.Length; i++) p[i] /= sum;
        return p;
    }

    /// <inheritdoc />
    public void SaveTo(Stream stream)
    {
        var parameters = network.named_parameters()
            .Select(p => new ParameterState(p.name, p.parameter.shape, p.parameter.detach().cpu().data<float>().ToArray()))
            .ToList();
        JsonSerializer.Serialize(stream, new State(Format, KindName, ScoreKind, Architecture, parameters), PolicyJson.Options);
    }

    /// <summary>Reads a policy written by <see cref="SaveTo"/>; it acts exactly as the saved one.</summary>
    public static NetworkPolicy LoadFrom(Stream stream)
    {
        Devices.TorchRuntime.EnsureLoaded();
        var state = JsonSerializer.Deserialize<State>(stream, PolicyJson.Options) ?? throw new InvalidDataException("empty policy network");
        if (state.Format > Format) throw new InvalidDataException($"policy network format {state.Format} is newer than this version reads ({Format})");
        NeuralNetwork network;
        // Building draws initial weights from libtorch's global generator: keep clear of a seeded fit on another thread.
        lock (TorchGate.Lock) network = state.Architecture.Build();
        var saved = state.Parameters.ToDictionary(p => p.Name);
        using (no_grad())
        {
            foreach (var (name, parameter) in network.named_parameters())
            {
                if (!saved.TryGetValue(name, out var p) || !p.Shape.SequenceEqual(parameter.shape))
                {
                    network.Dispose();
                    throw new InvalidDataException($"policy network: parameter '{name}' is missing or has another shape");
                }
                using var value = tensor(p.Values, p.Shape);
                parameter.copy_(value);
            }
        }
        return new NetworkPolicy(network, state.Scores);
    }

    /// <inheritdoc />
    public void Dispose() => network.Dispose();

    private sealed record ParameterState(string Name, long[] Shape, float[] Values);

    private sealed record State(int Format, string Kind, ActionScores Scores, NetworkArchitecture Architecture, IReadOnlyList<ParameterState> Parameters);
}
