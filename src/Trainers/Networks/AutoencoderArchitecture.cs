using System.Text.Json.Serialization;
using DeepLearning.Trainers.Activations;

namespace DeepLearning.Trainers.Networks;

/// <summary>What an autoencoder looks like: an encoder from the inputs down to a code of <see cref="CodeSize"/> values,
/// and a decoder that mirrors it back to the inputs. The code is linear (no activation), so it can take any value,
/// as a principal component can.</summary>
/// <param name="Inputs">Input features (and reconstructed outputs).</param>
/// <param name="Hidden">Units of the encoder's dense layers before the code (the decoder uses them in reverse);
/// may be empty. In the convolutional variant they come after the convolutions.</param>
/// <param name="CodeSize">Values in the code (the embedding); fewer than the inputs.</param>
/// <param name="Activation">Activation after each hidden layer and convolution.</param>
/// <param name="Dropout">Probability of dropping a dense hidden unit while training.</param>
/// <param name="Init">Weight initialisation.</param>
/// <param name="Slope">Leaky relu's negative slope.</param>
/// <param name="Variant">Dense or convolutional.</param>
/// <param name="Image">Convolutional: how the inputs lay out as an image (its size must equal <paramref name="Inputs"/>).</param>
/// <param name="Filters">Convolutional: channels of each 3×3, stride-2 convolution (each halves height and width).</param>
public sealed record AutoencoderArchitecture(
    int Inputs,
    IReadOnlyList<int> Hidden,
    int CodeSize,
    ActivationKind Activation = ActivationKind.Relu,
    double Dropout = 0,
    WeightInit Init = WeightInit.Kaiming,
    double Slope = LeakyRelu.DefaultSlope,
    AutoencoderVariant Variant = AutoencoderVariant.Dense,
    ImageShape? Image = null,
    IReadOnlyList<int>? Filters = null) : INetworkArchitecture
{
    /// <summary>The reconstruction has as many values as the input.</summary>
    [JsonIgnore]
    public int Outputs => Inputs;

    /// <summary>The reconstruction is unbounded (features are standardised, not squashed).</summary>
    [JsonIgnore]
    public ActivationKind OutputActivation => ActivationKind.Identity;

    /// <summary>Checks sizes and ranges; throws <see cref="ArgumentException"/> naming the wrong value.</summary>
    public void Validate()
    {
        if (Inputs < 2) throw new ArgumentException($"an autoencoder needs at least two inputs to compress; received {Inputs}");
        if (CodeSize < 1) throw new ArgumentException($"code size must be ≥ 1; received {CodeSize}");
        if (CodeSize >= Inputs)
            throw new ArgumentException($"code size must be less than the {Inputs} inputs (a code as wide as the input can copy it and learns nothing); received {CodeSize}");
        if (Hidden.Where(h => h < 1).Select(h => (int?)h).FirstOrDefault() is { } bad)
            throw new ArgumentException($"hidden layer sizes must be ≥ 1; received {bad}");
        if (Dropout is < 0 or >= 1 || double.IsNaN(Dropout)) throw new ArgumentException($"dropout must be in [0, 1); received {Dropout}");
        if (Variant != AutoencoderVariant.Convolutional) return;
        if (Image is not { } image) throw new ArgumentException("the convolutional variant needs the image shape (channels × height × width) of the inputs");
        if (image.Channels < 1 || image.Height < 1 || image.Width < 1)
            throw new ArgumentException($"image channels, height and width must be ≥ 1; received {image}");
        if (image.Size != Inputs)
            throw new ArgumentException($"the image shape {image} holds {image.Size} values, but there are {Inputs} inputs");
        if (Filters is not { Count: > 0 } filters) throw new ArgumentException("the convolutional variant needs at least one convolution (filters)");
        if (filters.Where(f => f < 1).Select(f => (int?)f).FirstOrDefault() is { } zero)
            throw new ArgumentException($"filters (channels per convolution) must be ≥ 1; received {zero}");
    }

    /// <summary>Builds the network with freshly initialised weights (from torch's global generator).</summary>
    public NeuralNetwork Build() => BuildAutoencoder();

    /// <summary>As <see cref="Build"/>, typed.</summary>
    public Autoencoder BuildAutoencoder()
    {
        Validate();
        return new Autoencoder(this);
    }
}
