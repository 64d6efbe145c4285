using static TorchSharp.torch;

namespace DeepLearning.Trainers.Activations;

/// <summary>σ(z) = 1 / (1 + e^−z), σ′ = σ(1 − σ).</summary>
public sealed class Sigmoid : IActivation
{
    /// <inheritdoc />
    public ActivationKind Kind => ActivationKind.Sigmoid;

    /// <inheritdoc />
    public Tensor Forward(Tensor z) => z.sigmoid();

    /// <inheritdoc />
    public Tensor Derivative(Tensor z)
    {
        using var s = z.sigmoid();
        return s * (1 - s);
    }
}
