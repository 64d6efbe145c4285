namespace DeepLearning.Trainers.Training;

/// <summary>Why training stopped as diverged.</summary>
/// <param name="Epoch">1-based epoch in which the loss blew up.</param>
/// <param name="LearningRate">The learning rate of that epoch.</param>
/// <param name="Loss">The offending loss (NaN, ∞, or more than a million times the first epoch's).</param>
/// <param name="FirstLoss">The first epoch's mean loss (NaN when the first epoch itself diverged).</param>
/// <param name="Unit">What <paramref name="Epoch"/> counts: <c>epoch</c>, or <c>episode</c> for a reinforcement-learning agent.</param>
public sealed record Divergence(int Epoch, double LearningRate, double Loss, double FirstLoss, string Unit = "epoch")
{
    /// <summary>"diverged at epoch N with learning rate α: …".</summary>
    public string Message
    {
        get
        {
            string why = double.IsNaN(Loss) ? "the loss became NaN"
                : double.IsInfinity(Loss) ? "the loss became infinite"
                : $"the loss {Loss:G4} exceeded a million times the first {Unit}'s {FirstLoss:G4}";
            return $"training diverged at {Unit} {Epoch} with learning rate {LearningRate:G6}: {why}; lower the learning rate or scale the features";
        }
    }
}
