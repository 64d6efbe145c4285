using System.Runtime.InteropServices;
using DeepLearning.Trainers.Networks;
using static TorchSharp.torch;

namespace DeepLearning.Trainers.Estimators;

/// <summary>One tensor of a network's state: a weight, a bias or a buffer such as batch norm's running mean.</summary>
/// <param name="Name">Its name in the module's state dictionary.</param>
/// <param name="Shape">Its shape.</param>
/// <param name="Type">Its element type as stored in libtorch (values are saved as float32 and converted back).</param>
public sealed record TensorShape(string Name, long[] Shape, string Type);

/// <summary>Saves a network's state (parameters and buffers) as raw little-endian float32 values, one tensor after
/// another in state-dictionary order, and reads it back into a freshly built network of the same architecture. Raw
/// floats, rather than JSON numbers, keep a convolutional network's half a million weights small and fast to load,
/// and any tool can read them (numpy.fromfile with the shapes from the JSON).</summary>
public static class NetworkWeights
{
    /// <summary>The entry the values go to.</summary>
    public const string Entry = "weights.bin";

    // Values are written in the machine's byte order: little-endian on every platform .NET runs on today (x64, Arm64).

    /// <summary>Writes every state tensor of <paramref name="network"/>; returns their names and shapes, in order.</summary>
    public static IReadOnlyList<TensorShape> Write(IModelEntries entries, NeuralNetwork network)
    {
        var shapes = new List<TensorShape>();
        using var stream = entries.Create(Entry);
        foreach (var (name, value) in network.state_dict())
        {
            using var values = value.detach().cpu().to_type(ScalarType.Float32).contiguous();
            var floats = values.data<float>().ToArray();
            stream.Write(MemoryMarshal.AsBytes(floats.AsSpan()));
            shapes.Add(new TensorShape(name, value.shape, value.dtype.ToString()));
        }
        return shapes;
    }

    /// <summary>Copies the saved values into <paramref name="network"/>'s state, after checking every name and shape.</summary>
    public static void Read(IModelEntries entries, NeuralNetwork network, IReadOnlyList<TensorShape> shapes)
    {
        var state = network.state_dict();
        var saved = shapes.Select(s => s.Name).ToHashSet();
        if (state.Keys.FirstOrDefault(k => !saved.Contains(k)) is { } missing)
            throw new InvalidDataException($"neural model: '{missing}' is missing from the saved weights");
        using var stream = entries.Open(Entry);
        using var _ = no_grad();
        foreach (var shape in shapes)
        {
            if (!state.TryGetValue(shape.Name, out var target) || !target.shape.SequenceEqual(shape.Shape))
                throw new InvalidDataException($"neural model: '{shape.Name}' does not fit the network built from its architecture");
            var floats = new float[target.numel()];
            stream.ReadExactly(MemoryMarshal.AsBytes(floats.AsSpan()));
            using var value = tensor(floats, shape.Shape).to_type(target.dtype);
            target.copy_(value);
        }
        if (stream.ReadByte() != -1) throw new InvalidDataException($"neural model: {Entry} holds more values than its shapes");
    }
}
