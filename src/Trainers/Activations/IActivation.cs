using static TorchSharp.torch;

namespace DeepLearning.Trainers.Activations;

/// <summary>An element-wise activation f and its analytic derivative f′. Training differentiates
/// <see cref="Forward"/> by autograd; <see cref="Derivative"/> is the closed form the course derives, kept next to
/// f so a test can hold the two against each other.</summary>
public interface IActivation
{
    /// <summary>Which function this is.</summary>
    ActivationKind Kind { get; }

    /// <summary>f(z), element-wise.</summary>
    Tensor Forward(Tensor z);

    /// <summary>f′(z), element-wise.</summary>
    Tensor Derivative(Tensor z);
}
