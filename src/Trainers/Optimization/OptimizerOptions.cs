namespace DeepLearning.Trainers.Optimization;

/// <summary>The optimiser and its settings.</summary>
/// <param name="Kind">Update rule.</param>
/// <param name="LearningRate">Step size α (&gt; 0).</param>
/// <param name="WeightDecay">L2 penalty added to the gradient (≥ 0).</param>
/// <param name="Momentum">Momentum's velocity decay (used by <see cref="OptimizerKind.Momentum"/>).</param>
public sealed record OptimizerOptions(OptimizerKind Kind = OptimizerKind.Adam, double LearningRate = 0.001, double WeightDecay = 0, double Momentum = 0.9)
{
    /// <summary>Throws <see cref="ArgumentException"/> for an out-of-range value.</summary>
    public void Validate()
    {
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) throw new ArgumentException($"learning rate must be > 0; received {LearningRate}");
        if (!(WeightDecay >= 0)) throw new ArgumentException($"weight decay must be ≥ 0; received {WeightDecay}");
        if (Momentum is < 0 or >= 1 || double.IsNaN(Momentum)) throw new ArgumentException($"momentum must be in [0, 1); received {Momentum}");
    }
}
