using DeepLearning.Trainers.Activations;

namespace DeepLearning.Trainers.Networks;

/// <summary>What a fully connected network (a perceptron, an MLP) looks like.</summary>
/// <param name="Inputs">Input features.</param>
/// <param name="Hidden">Units per hidden layer; empty: a perceptron (one linear layer).</param>
/// <param name="Outputs">Output units (1 for regression and binary, the class count for multiclass).</param>
/// <param name="Activation">Activation after each hidden layer.</param>
/// <param name="OutputActivation">Activation of the output layer (identity: raw values or logits).</param>
/// <param name="Dropout">Probability of dropping a hidden unit while training.</param>
/// <param name="Init">Weight initialisation.</param>
/// <param name="Slope">Leaky relu's negative slope.</param>
public sealed record NetworkArchitecture(
    int Inputs,
    IReadOnlyList<int> Hidden,
    int Outputs,
    ActivationKind Activation = ActivationKind.Relu,
    ActivationKind OutputActivation = ActivationKind.Identity,
    double Dropout = 0,
    WeightInit Init = WeightInit.Xavier,
    double Slope = LeakyRelu.DefaultSlope) : INetworkArchitecture
{
    /// <summary>Checks sizes and ranges; throws <see cref="ArgumentException"/> naming the wrong value.</summary>
    public void Validate()
    {
        if (Inputs < 1) throw new ArgumentException($"a network needs at least one input; received {Inputs}");
        if (Outputs < 1) throw new ArgumentException($"a network needs at least one output; received {Outputs}");
        if (Hidden.Where(h => h < 1).Select(h => (int?)h).FirstOrDefault() is { } bad)
            throw new ArgumentException($"hidden layer sizes must be ≥ 1; received {bad}");
        if (Dropout is < 0 or >= 1 || double.IsNaN(Dropout)) throw new ArgumentException($"dropout must be in [0, 1); received {Dropout}");
    }

    /// <summary>Builds the network with freshly initialised weights (from torch's global generator).</summary>
    public NeuralNetwork Build()
    {
        Validate();
        return Hidden.Count == 0 ? new Perceptron(this) : new MultilayerPerceptron(this);
    }
}
