using static TorchSharp.torch;

namespace DeepLearning.Trainers.Activations;

/// <summary>max(0, z); relu′ = 1 for z &gt; 0, else 0 (the subgradient at 0 is taken as 0, as autograd does).</summary>
public sealed class Relu : IActivation
{
    /// <inheritdoc />
    public ActivationKind Kind => ActivationKind.Relu;

    /// <inheritdoc />
    public Tensor Forward(Tensor z) => z.relu();

    /// <inheritdoc />
    public Tensor Derivative(Tensor z) => z.gt(0).to_type(z.dtype);
}
