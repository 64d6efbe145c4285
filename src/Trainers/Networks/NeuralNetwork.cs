using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DeepLearning.Trainers.Networks;

/// <summary>A network of this library: a TorchSharp module that knows its architecture, so it can be saved as
/// architecture + weights and rebuilt.</summary>
public abstract class NeuralNetwork : Module<Tensor, Tensor>
{
    /// <summary>Creates the module.</summary>
    protected NeuralNetwork(string name, NetworkArchitecture architecture) : base(name) => Architecture = architecture;

    /// <summary>The architecture it was built from.</summary>
    public NetworkArchitecture Architecture { get; }

    /// <summary>Initialises a linear layer's weights per <see cref="NetworkArchitecture.Init"/>; biases start at 0.</summary>
    protected void Initialise(TorchSharp.Modules.Linear layer)
    {
        using var _ = no_grad();
        switch (Architecture.Init)
        {
            case WeightInit.Xavier: init.xavier_uniform_(layer.weight!); break;
            case WeightInit.Kaiming: 
                // a = 0 gives He's gain √2 for relu; leaky relu keeps a little of the negative side.
                init.kaiming_uniform_(layer.weight!, Architecture.Activation == Activations.ActivationKind.LeakyRelu ? Architecture.Slope : 0);
                break;
            default: init.zeros_(layer.weight!); break;
        }
        if (layer.bias is { } bias) init.zeros_(bias);
    }
}
