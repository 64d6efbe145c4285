namespace DeepLearning.Trainers.Optimization;

/// <summary>The learning-rate schedule.</summary>
/// <param name="Kind">Shape.</param>
/// <param name="StepSize">Step: epochs between decays.</param>
/// <param name="Gamma">Step: factor applied at each decay.</param>
public sealed record ScheduleOptions(ScheduleKind Kind = ScheduleKind.None, int StepSize = 10, double Gamma = 0.5)
{
    /// <summary>The learning rate for 0-based <paramref name="epoch"/> of <paramref name="epochs"/>, starting from <paramref name="initial"/>.</summary>
    public double RateAt(double initial, int epoch, int epochs) => Kind switch
    {
        ScheduleKind.Step => initial * Math.Pow(Gamma, epoch / Math.Max(1, StepSize)),
        ScheduleKind.Cosine => initial * 0.5 * (1 + Math.Cos(Math.PI * epoch / Math.Max(1, epochs))),
        _ => initial,
    };
}
