using System.Text.Json.Serialization;
using DeepLearning.Trainers.Activations;

namespace DeepLearning.Trainers.Networks;

/// <summary>What a network looks like: enough to rebuild it (with fresh weights) before loading saved weights.
/// Every kind of network has one; it is saved as JSON with a <c>type</c> discriminator, so a bundle names the
/// kind of network it holds. A new kind of network adds a record here and a <see cref="JsonDerivedTypeAttribute"/>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(NetworkArchitecture), "dense")]
[JsonDerivedType(typeof(AutoencoderArchitecture), "autoencoder")]
public interface INetworkArchitecture
{
    /// <summary>Values per input row (for images: channels × height × width, row-major).</summary>
    int Inputs { get; }

    /// <summary>Values per output row.</summary>
    int Outputs { get; }

    /// <summary>Activation of the output layer (identity: raw values or logits).</summary>
    ActivationKind OutputActivation { get; }

    /// <summary>Checks sizes and ranges; throws <see cref="ArgumentException"/> naming the wrong value.</summary>
    void Validate();

    /// <summary>Builds the network with freshly initialised weights (from torch's global generator).</summary>
    NeuralNetwork Build();
}
