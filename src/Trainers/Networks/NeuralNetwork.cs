using DeepLearning.Trainers.Activations;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DeepLearning.Trainers.Networks;

/// <summary>A network of this library: a TorchSharp module that knows its architecture, so it can be saved as
/// architecture + weights and rebuilt.</summary>
public abstract class NeuralNetwork : Module<Tensor, Tensor>
{
    /// <summary>Creates the module.</summary>
    protected NeuralNetwork(string name, INetworkArchitecture architecture) : base(name) => Architecture = architecture;

    /// <summary>The architecture it was built from.</summary>
    public INetworkArchitecture Architecture { get; }

    /// <summary>Initialises a layer's weight (a linear or convolution weight) per <paramref name="kind"/>; the bias
    /// starts at 0. <paramref name="activation"/> follows the layer: Kaiming's gain depends on it.</summary>
    protected static void Initialise(Tensor weight, Tensor? bias, WeightInit kind, ActivationKind activation, double slope)
    {
        using var _ = no_grad();
        switch (kind)
        {
            case WeightInit.Xavier: init.xavier_uniform_(weight); break;
            case WeightInit.Kaiming:
                // a = 0 gives He's gain √2 for relu; leaky relu keeps a little of the negative side.
                init.kaiming_uniform_(weight, activation == ActivationKind.LeakyRelu ? slope : 0);
                break;
            default: init.zeros_(weight); break;
        }
        if (bias is not null) init.zeros_(bias);
    }

    /// <summary>Initialises a linear layer of a dense network per its <see cref="NetworkArchitecture"/>.</summary>
    protected static void Initialise(TorchSharp.Modules.Linear layer, NetworkArchitecture architecture) =>
        Initialise(layer.weight!, layer.bias, architecture.Init, architecture.Activation, architecture.Slope);
}
