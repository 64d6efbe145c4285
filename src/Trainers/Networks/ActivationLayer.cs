using DeepLearning.Trainers.Activations;
using TorchSharp;
using static TorchSharp.torch;

namespace DeepLearning.Trainers.Networks;

/// <summary>An <see cref="IActivation"/> as a parameter-free module, so it can sit in a layer list.</summary>
public sealed class ActivationLayer : nn.Module<Tensor, Tensor>
{
    private readonly IActivation activation;

    /// <summary>Wraps <paramref name="activation"/>.</summary>
    public ActivationLayer(IActivation activation) : base(activation.Kind.ToString()) => this.activation = activation;

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => activation.Forward(input);
}
