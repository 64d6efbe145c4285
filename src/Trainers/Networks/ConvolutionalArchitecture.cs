using DeepLearning.Trainers.Activations;

namespace DeepLearning.Trainers.Networks;

/// <summary>What a convolutional network looks like: an image shape, convolution blocks, then a dense head.</summary>
/// <param name="Channels">Image channels.</param>
/// <param name="Height">Image height.</param>
/// <param name="Width">Image width.</param>
/// <param name="Blocks">Convolution blocks, in order.</param>
/// <param name="Dense">Units per hidden dense layer after the blocks (flattened); empty: straight to the output.</param>
/// <param name="Outputs">Output units (class count for multiclass, 1 for binary).</param>
/// <param name="Activation">Activation after each convolution and hidden dense layer.</param>
/// <param name="OutputActivation">Activation of the output layer (identity: logits).</param>
/// <param name="Dropout">Probability of dropping a hidden dense unit while training.</param>
/// <param name="Init">Weight initialisation of convolutions and linear layers.</param>
/// <param name="Slope">Leaky relu's negative slope.</param>
/// <param name="Shift">Augmentation: while training, each image is moved by up to this many pixels in each direction
/// (drawn per image from libtorch's seeded generator; the border fills with zeros); 0: none. Never at prediction.</param>
public sealed record ConvolutionalArchitecture(
    int Channels,
    int Height,
    int Width,
    IReadOnlyList<ConvolutionBlock> Blocks,
    IReadOnlyList<int> Dense,
    int Outputs,
    ActivationKind Activation = ActivationKind.Relu,
    ActivationKind OutputActivation = ActivationKind.Identity,
    double Dropout = 0,
    WeightInit Init = WeightInit.Kaiming,
    double Slope = LeakyRelu.DefaultSlope,
    int Shift = 0) : INetworkArchitecture
{
    /// <summary>Values per input row: channels × height × width, channel by channel, each row-major.</summary>
    public int Inputs => Channels * Height * Width;

    /// <summary>The (channels, height, width) after each block.</summary>
    public IReadOnlyList<(int Channels, int Height, int Width)> Shapes()
    {
        var shapes = new List<(int, int, int)>();
        int h = Height, w = Width;
        for (int i = 0; i < Blocks.Count; i++)
        {
            var (nh, ph) = Blocks[i].Apply(h);
            var (nw, pw) = Blocks[i].Apply(w);
            if ((ph ?? pw) is { } problem) throw new ArgumentException($"convolution block {i + 1}: {problem}");
            (h, w) = (nh, nw);
            shapes.Add((Blocks[i].Filters, h, w));
        }
        return shapes;
    }

    /// <summary>Values per row entering the dense head (the last block's maps, flattened).</summary>
    public int Flattened => Shapes() is { Count: > 0 } s ? s[^1].Channels * s[^1].Height * s[^1].Width : Inputs;

    /// <summary>Checks sizes and ranges; throws <see cref="ArgumentException"/> naming the wrong value.</summary>
    public void Validate()
    {
        if (Channels < 1 || Height < 1 || Width < 1) throw new ArgumentException($"an image needs at least 1×1×1 values; received {Channels}×{Height}×{Width}");
        if (Outputs < 1) throw new ArgumentException($"a network needs at least one output; received {Outputs}");
        for (int i = 0; i < Blocks.Count; i++)
        {
            var b = Blocks[i];
            if (b.Filters < 1) throw new ArgumentException($"convolution block {i + 1}: filters must be ≥ 1; received {b.Filters}");
            if (b.Kernel < 1) throw new ArgumentException($"convolution block {i + 1}: kernel must be ≥ 1; received {b.Kernel}");
            if (b.Stride < 1) throw new ArgumentException($"convolution block {i + 1}: stride must be ≥ 1; received {b.Stride}");
            if (b.Padding < 0) throw new ArgumentException($"convolution block {i + 1}: padding must be ≥ 0; received {b.Padding}");
            if (b.Pool != PoolKind.None && b.PoolSize < 1) throw new ArgumentException($"convolution block {i + 1}: pool size must be ≥ 1; received {b.PoolSize}");
        }
        _ = Shapes();
        if (Dense.Where(h => h < 1).Select(h => (int?)h).FirstOrDefault() is { } bad)
            throw new ArgumentException($"dense layer sizes must be ≥ 1; received {bad}");
        if (Dropout is < 0 or >= 1 || double.IsNaN(Dropout)) throw new ArgumentException($"dropout must be in [0, 1); received {Dropout}");
        if (Shift < 0) throw new ArgumentException($"shift must be ≥ 0; received {Shift}");
    }

    /// <summary>Builds the network with freshly initialised weights (from torch's global generator).</summary>
    public NeuralNetwork Build()
    {
        Validate();
        return new ConvolutionalNetwork(this);
    }
}
