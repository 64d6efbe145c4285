namespace DeepLearning.Trainers.Activations;

/// <summary>The activation functions a network layer can apply.</summary>
public enum ActivationKind
{
    /// <summary>f(z) = z (a linear layer).</summary>
    Identity,
    /// <summary>σ(z) = 1 / (1 + e^−z).</summary>
    Sigmoid,
    /// <summary>tanh(z).</summary>
    Tanh,
    /// <summary>max(0, z).</summary>
    Relu,
    /// <summary>z for z &gt; 0, else slope · z.</summary>
    LeakyRelu,
}
