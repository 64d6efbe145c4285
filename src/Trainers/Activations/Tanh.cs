using static TorchSharp.torch;

namespace DeepLearning.Trainers.Activations;

/// <summary>tanh(z), tanh′ = 1 − tanh².</summary>
public sealed class Tanh : IActivation
{
    /// <inheritdoc />
    public ActivationKind Kind => ActivationKind.Tanh;

    /// <inheritdoc />
    public Tensor Forward(Tensor z) => z.tanh();

    /// <inheritdoc />
    public Tensor Derivative(Tensor z)
    {
        using var t = z.tanh();
        return 1 - t * t;
    }
}
