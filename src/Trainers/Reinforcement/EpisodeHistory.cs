namespace DeepLearning.Trainers.Reinforcement;

/// <summary>Reported after each training episode; the caller decides how to show it.</summary>
/// <param name="Episode">1-based episode just finished.</param>
/// <param name="Episodes">Episodes planned.</param>
/// <param name="Return">Sum of the episode's rewards.</param>
/// <param name="Length">Steps in the episode.</param>
/// <param name="Epsilon">ε of the episode (ε-greedy agents), else null.</param>
/// <param name="MeanReturn">Mean return of the last (up to) 100 episodes.</param>
/// <param name="Loss">Mean training loss of the episode's updates (network agents), when any ran.</param>
public sealed record EpisodeProgress(int Episode, int Episodes, double Return, int Length, double? Epsilon, double MeanReturn, double? Loss);

/// <summary>What happened in training, episode by episode (the manifest stores it).</summary>
/// <param name="Returns">Return of each episode.</param>
/// <param name="Lengths">Steps of each episode.</param>
/// <param name="Epsilons">ε of each episode (ε-greedy agents); null otherwise.</param>
/// <param name="Regrets">Environments that know the best action's value (the bandit): the summed regret of each
/// episode's actions, μ* − μₐ; null otherwise.</param>
/// <param name="SolvedAtEpisode">1-based episode at which the stop criterion was met and training stopped; null when every planned episode ran.</param>
/// <param name="Steps">Environment steps over all episodes.</param>
/// <param name="Updates">Learning updates (table updates or optimiser steps).</param>
/// <param name="TrainSeconds">Wall-clock seconds of the episode loop.</param>
/// <param name="PolicyEpisode">With <see cref="AgentTrainingOptions.KeepBest"/>: the episode after which the kept
/// policy was taken; null when the policy is the last one.</param>
/// <param name="PolicyCheckReturn">With <see cref="AgentTrainingOptions.KeepBest"/>: the kept policy's mean return in its check.</param>
public sealed record EpisodeHistory(
    IReadOnlyList<double> Returns,
    IReadOnlyList<int> Lengths,
    IReadOnlyList<double>? Epsilons,
    IReadOnlyList<double>? Regrets,
    int? SolvedAtEpisode,
    long Steps,
    long Updates,
    double TrainSeconds,
    int? PolicyEpisode = null,
    double? PolicyCheckReturn = null)
{
    /// <summary>Episodes that ran.</summary>
    public int Episodes => Returns.Count;

    /// <summary>Moving average of the returns over <paramref name="window"/> episodes (fewer at the start).</summary>
    public static double[] MovingAverage(IReadOnlyList<double> values, int window)
    {
        var result = new double[values.Count];
        double sum = 0;
        for (int i = 0; i < values.Count; i++)
        {
            sum += values[i];
            if (i >= window) sum -= values[i - window];
            result[i] = sum / Math.Min(i + 1, window);
        }
        return result;
    }
}

/// <summary>Stop training once the mean return of the last <paramref name="Window"/> episodes reaches
/// <paramref name="MeanReturn"/> (Gym's "solved" criterion), so a policy that has learned is not trained on into a
/// collapse.</summary>
public sealed record StopCriterion(double MeanReturn, int Window = 100);

/// <summary>Keep the best policy seen rather than the last: every <paramref name="Every"/> training episodes (and at the
/// end) the greedy policy plays <paramref name="Episodes"/> episodes, the same ones each time (a generator of their
/// own, reseeded per check, apart from training's and the final evaluation's); the best mean return wins, a later
/// policy on a tie. Value-based agents such as DQN often learn a good policy and then lose it again.</summary>
public sealed record BestPolicyCheck(int Every = 10, int Episodes = 5);

/// <summary>How <see cref="AgentTrainer"/> runs.</summary>
public sealed record AgentTrainingOptions
{
    /// <summary>Training episodes (at most, with <see cref="StopAt"/>).</summary>
    public int Episodes { get; init; } = 500;

    /// <summary>Seed of everything random: the environment's episodes, the agent's exploration and replay sampling,
    /// the networks' initial weights. The same seed gives the same return curve on the CPU.</summary>
    public int Seed { get; init; }

    /// <summary>libtorch's intra-op threads for network agents (1 is fastest for these tiny networks).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Stop early once solved; null: run every episode.</summary>
    public StopCriterion? StopAt { get; init; }

    /// <summary>Keep the best policy by periodic greedy checks; null: the last policy.</summary>
    public BestPolicyCheck? KeepBest { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> for an out-of-range value.</summary>
    public void Validate()
    {
        if (Episodes < 1) throw new ArgumentException($"episodes must be ≥ 1; received {Episodes}");
        if (Threads < 1) throw new ArgumentException($"threads must be ≥ 1; received {Threads}");
        if (StopAt is { Window: < 1 } s) throw new ArgumentException($"the stop window must be ≥ 1 episode; received {s.Window}");
        if (KeepBest is { Every: < 1 } or { Episodes: < 1 }) throw new ArgumentException("keep_best needs every ≥ 1 and episodes ≥ 1");
    }
}
