namespace DeepLearning.Trainers.Optimization;

/// <summary>The update rule applied to the gradients.</summary>
public enum OptimizerKind
{
    /// <summary>Plain (stochastic) gradient descent: θ ← θ − α∇.</summary>
    Sgd,
    /// <summary>Gradient descent with momentum: a running velocity smooths the steps.</summary>
    Momentum,
    /// <summary>Adam: per-parameter step sizes from running moments of the gradient.</summary>
    Adam,
}
