using static TorchSharp.torch;

namespace DeepLearning.Trainers.Activations;

/// <summary>softmax(z)ᵢ = e^zᵢ / Σⱼ e^zⱼ over the last dimension: turns a multiclass network's outputs into
/// probabilities. Not element-wise, so its derivative is a Jacobian, ∂sᵢ/∂zⱼ = sᵢ(δᵢⱼ − sⱼ); a backward pass
/// only needs its product with a vector v, s ⊙ (v − s·v), which is what <see cref="JacobianVectorProduct"/> gives.</summary>
public static class Softmax
{
    /// <summary>softmax over the last dimension.</summary>
    public static Tensor Forward(Tensor z) => z.softmax(-1);

    /// <summary>Jᵀv for the softmax Jacobian J at <paramref name="z"/> (J is symmetric).</summary>
    public static Tensor JacobianVectorProduct(Tensor z, Tensor v)
    {
        using var s = z.softmax(-1);
        using var dot = (s * v).sum(-1, keepdim: true);
        using var centred = v - dot;
        return s * centred;
    }
}
