using DeepLearning.Trainers.Activations;
using TorchSharp.Modules;
using static TorchSharp.torch;
using TorchSharp;

namespace DeepLearning.Trainers.Networks;

/// <summary>Fully connected layers: (linear → activation → dropout) per hidden size, then a linear output layer
/// and the output activation (identity for regression values and class logits).</summary>
public sealed class MultilayerPerceptron : NeuralNetwork
{
    private readonly ModuleList<nn.Module<Tensor, Tensor>> layers = new();

    /// <summary>Builds the layers from <paramref name="architecture"/>.</summary>
    public MultilayerPerceptron(NetworkArchitecture architecture) : base(nameof(MultilayerPerceptron), architecture)
    {
        int width = architecture.Inputs;
        var linears = new List<TorchSharp.Modules.Linear>();
        foreach (int units in architecture.Hidden)
        {
            var linear = nn.Linear(width, units);
            linears.Add(linear);
            layers.Add(linear);
            layers.Add(new ActivationLayer(Activation.Create(architecture.Activation, architecture.Slope)));
            if (architecture.Dropout > 0) layers.Add(nn.Dropout(architecture.Dropout));
            width = units;
        }
        var last = nn.Linear(width, architecture.Outputs);
        linears.Add(last);
        layers.Add(last);
        if (architecture.OutputActivation != ActivationKind.Identity)
            layers.Add(new ActivationLayer(Activation.Create(architecture.OutputActivation, architecture.Slope)));
        RegisterComponents();
        foreach (var linear in linears) Initialise(linear, architecture);
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        // Intermediate tensors belong to the caller's dispose scope (one per training step or prediction).
        var x = input;
        foreach (var layer in layers) x = layer.forward(x);
        return x;
    }
}
