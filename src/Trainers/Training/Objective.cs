using DeepLearning.Trainers.Activations;
using TorchSharp;
using static TorchSharp.torch;

namespace DeepLearning.Trainers.Training;

/// <summary>The loss of a task, given what the network's output layer produces.</summary>
/// <param name="Task">Regression: mean squared error; binary: cross-entropy; multiclass: softmax cross-entropy.</param>
/// <param name="OutputActivation">The output layer's activation. Binary: identity means the output is a logit
/// (the loss then takes the numerically stable log-sigmoid path), sigmoid a probability, tanh a value in (−1, 1)
/// read as probability (t + 1) / 2. Multiclass: identity (logits; softmax is part of the loss).</param>
public sealed record Objective(NeuralTask Task, ActivationKind OutputActivation)
{
    private const float Epsilon = 1e-7f;

    // Scalars handed to libtorch live as long as the program: a temporary one could be finalised by a garbage
    // collection while native code still reads it (see GradientDescent).
    private static readonly Scalar Half = 0.5, One = 1, Low = Epsilon, High = 1 - Epsilon;

    /// <summary>Checks that the output activation makes sense for the task.</summary>
    public void Validate()
    {
        bool ok = Task switch
        {
            NeuralTask.Binary => OutputActivation is ActivationKind.Identity or ActivationKind.Sigmoid or ActivationKind.Tanh,
            NeuralTask.Multiclass => OutputActivation == ActivationKind.Identity,
            _ => true,
        };
        if (!ok) throw new ArgumentException($"a {Task} network cannot end in {OutputActivation}");
    }

    /// <summary>The <paramref name="targets"/> as the loss expects them: float [n, 1] or int64 class indices [n].</summary>
    public Tensor Targets(float[] targets) => Task == NeuralTask.Multiclass
        ? tensor(targets.Select(t => (long)t).ToArray())
        : tensor(targets, [targets.Length, 1]);

    /// <summary>Whether the targets are the features themselves (the loop then feeds the input batch as the target).</summary>
    public bool TargetsAreInputs => Task == NeuralTask.Reconstruction;

    /// <summary>Mean loss of <paramref name="output"/> against <paramref name="target"/>.</summary>
    public Tensor Loss(Tensor output, Tensor target) => Task switch
    {
        NeuralTask.Regression or NeuralTask.Reconstruction => nn.functional.mse_loss(output, target),
        NeuralTask.Multiclass => nn.functional.cross_entropy(output, target),
        _ when OutputActivation == ActivationKind.Identity => nn.functional.binary_cross_entropy_with_logits(output, target),
        _ => nn.functional.binary_cross_entropy(Probability(output).clamp(Low, High), target),
    };

    /// <summary>How many rows of <paramref name="output"/> are classified right (classification; null for regression).</summary>
    public Tensor? Correct(Tensor output, Tensor target) => Task switch
    {
        NeuralTask.Multiclass => output.argmax(1).eq(target).sum(),
        NeuralTask.Binary => Probability(output).gt(Half).to_type(ScalarType.Float32).eq(target).sum(),
        _ => null,
    };

    /// <summary>Binary: the probability of the positive class from the network output.</summary>
    public Tensor Probability(Tensor output) => OutputActivation switch
    {
        ActivationKind.Identity => output.sigmoid(),
        ActivationKind.Tanh => output.add(One, One).mul_(Half),
        _ => output.alias(),
    };
}
