using DeepLearning.Trainers.Networks;
using static TorchSharp.torch;

namespace DeepLearning.Trainers.Estimators;

/// <summary>One named parameter of a network, flattened row-major.</summary>
/// <param name="Name">The parameter's name in the module (e.g. <c>encoder.0.weight</c>).</param>
/// <param name="Shape">Its shape.</param>
/// <param name="Values">Its values.</param>
public sealed record ParameterState(string Name, long[] Shape, float[] Values);

/// <summary>Reads a network's weights out as plain arrays and writes them back, checked by name and shape. The one
/// place where a saved model's weights become tensors and back, so changing how they are stored stays small.</summary>
public static class NetworkWeights
{
    /// <summary>Every parameter of <paramref name="network"/> (which is on the CPU).</summary>
    public static IReadOnlyList<ParameterState> Read(NeuralNetwork network) =>
        network.named_parameters().Select(p => new ParameterState(p.name, p.parameter.shape, p.parameter.data<float>().ToArray())).ToList();

    /// <summary>Copies <paramref name="saved"/> into <paramref name="network"/>'s parameters; throws
    /// <see cref="InvalidDataException"/> when one is missing or has another shape.</summary>
    public static void Write(NeuralNetwork network, IReadOnlyList<ParameterState> saved)
    {
        var byName = saved.ToDictionary(p => p.Name);
        using var _ = no_grad();
        foreach (var (name, parameter) in network.named_parameters())
        {
            if (!byName.TryGetValue(name, out var p) || !p.Shape.SequenceEqual(parameter.shape))
                throw new InvalidDataException($"neural model: parameter '{name}' is missing or has another shape");
            using var value = tensor(p.Values, p.Shape);
            parameter.copy_(value);
        }
    }
}
