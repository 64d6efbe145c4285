namespace DeepLearning.Trainers.Activations;

/// <summary>Creates activations by kind.</summary>
public static class Activation
{
    /// <summary>The activation of <paramref name="kind"/>; <paramref name="slope"/> is leaky relu's negative slope.</summary>
    public static IActivation Create(ActivationKind kind, double slope = LeakyRelu.DefaultSlope) => kind switch
    {
        ActivationKind.Identity => new Identity(),
        ActivationKind.Sigmoid => new Sigmoid(),
        ActivationKind.Tanh => new Tanh(),
        ActivationKind.Relu => new Relu(),
        ActivationKind.LeakyRelu => new LeakyRelu(slope),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown activation"),
    };
}
