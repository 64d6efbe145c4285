using DeepLearning.Trainers.Activations;
using TorchSharp.Modules;
using static TorchSharp.torch;
using TorchSharp;

namespace DeepLearning.Trainers.Networks;

/// <summary>One linear layer followed by an activation: f(Wx + b). With the identity it is linear regression
/// by gradient descent (linear_gd); with sigmoid it is logistic regression.</summary>
public sealed class Perceptron : NeuralNetwork
{
    private readonly TorchSharp.Modules.Linear linear;
    private readonly IActivation output;

    /// <summary>Builds the layer from <paramref name="architecture"/> (its hidden list must be empty).</summary>
    public Perceptron(NetworkArchitecture architecture) : base(nameof(Perceptron), architecture)
    {
        if (architecture.Hidden.Count != 0) throw new ArgumentException("a perceptron has no hidden layers", nameof(architecture));
        linear = nn.Linear(architecture.Inputs, architecture.Outputs);
        output = Activation.Create(architecture.OutputActivation, architecture.Slope);
        RegisterComponents();
        Initialise(linear, architecture);
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var z = linear.forward(input);
        return output.Forward(z);
    }
}
