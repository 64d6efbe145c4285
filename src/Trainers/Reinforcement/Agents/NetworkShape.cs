using DeepLearning.Trainers.Activations;
using DeepLearning.Trainers.Networks;

namespace DeepLearning.Trainers.Reinforcement.Agents;

/// <summary>The fully connected network of a neural agent: hidden layers, their activation and initialisation.</summary>
/// <param name="Hidden">Units per hidden layer.</param>
/// <param name="Activation">Activation after each hidden layer.</param>
/// <param name="Init">Weight initialisation.</param>
public sealed record NetworkShape(IReadOnlyList<int> Hidden, ActivationKind Activation = ActivationKind.Relu, WeightInit Init = WeightInit.Kaiming)
{
    /// <summary>The architecture from <paramref name="inputs"/> to <paramref name="outputs"/> (identity output).</summary>
    public NetworkArchitecture For(int inputs, int outputs) => new(inputs, Hidden, outputs, Activation, ActivationKind.Identity, 0, Init);
}
