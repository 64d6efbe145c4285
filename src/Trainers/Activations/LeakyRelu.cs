using static TorchSharp.torch;

namespace DeepLearning.Trainers.Activations;

/// <summary>z for z &gt; 0, else slope · z; derivative 1 or slope (slope at 0, as autograd does).
/// The small negative slope keeps units that fall below zero learning, where relu's would stop.</summary>
public sealed class LeakyRelu(double slope = LeakyRelu.DefaultSlope) : IActivation
{
    /// <summary>The slope used when none is given (PyTorch's default).</summary>
    public const double DefaultSlope = 0.01;

    /// <summary>The slope for z ≤ 0.</summary>
    public double Slope { get; } = slope;

    /// <inheritdoc />
    public ActivationKind Kind => ActivationKind.LeakyRelu;

    /// <inheritdoc />
    public Tensor Forward(Tensor z) => nn.functional.leaky_relu(z, Slope);

    /// <inheritdoc />
    public Tensor Derivative(Tensor z)
    {
        using var positive = z.gt(0);
        using var one = ones_like(z);
        using var slope = full_like(z, Slope);
        return where(positive, one, slope);
    }
}
