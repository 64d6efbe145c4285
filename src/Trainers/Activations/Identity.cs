using static TorchSharp.torch;

namespace DeepLearning.Trainers.Activations;

/// <summary>f(z) = z, f′(z) = 1: the output of a regression network or a plain linear layer.</summary>
public sealed class Identity : IActivation
{
    /// <inheritdoc />
    public ActivationKind Kind => ActivationKind.Identity;

    /// <inheritdoc />
    public Tensor Forward(Tensor z) => z.alias();

    /// <inheritdoc />
    public Tensor Derivative(Tensor z) => ones_like(z);
}
