using DeepLearning.Trainers.Devices;
using DeepLearning.Trainers.Reinforcement.Environments;
using DeepLearning.Trainers.Reinforcement.Policies;

namespace DeepLearning.Trainers.Reinforcement.Agents;

/// <summary>One step of experience: in <paramref name="State"/> the agent took <paramref name="Action"/>, was paid
/// <paramref name="Reward"/> and found itself in <paramref name="Next"/>.</summary>
public readonly record struct Transition(Observation State, int Action, double Reward, Observation Next, bool Terminated, bool Truncated);

/// <summary>A learner: it acts (exploring) and improves from the rewards it gets. <see cref="AgentTrainer"/> drives
/// it: <see cref="BeginEpisode"/>, then <see cref="Act"/> and <see cref="Learn"/> per step, then
/// <see cref="EndEpisode"/>. Implement it to train an agent of your own with <see cref="AgentTrainer"/>.</summary>
public interface IAgent : IDisposable
{
    /// <summary>Called before episode <paramref name="episode"/> (0-based): exploration schedules step here.</summary>
    void BeginEpisode(int episode);

    /// <summary>The action to take while learning (it may explore).</summary>
    int Act(Observation observation);

    /// <summary>Learns from one step.</summary>
    void Learn(in Transition transition);

    /// <summary>Called after the episode's last step (an episodic learner such as REINFORCE updates here).</summary>
    void EndEpisode();

    /// <summary>The ε of the current episode for an ε-greedy learner; null when it explores otherwise.</summary>
    double? Epsilon { get; }

    /// <summary>Mean training loss of the updates in the last episode; null when none ran or the agent has no loss.</summary>
    double? EpisodeLoss { get; }

    /// <summary>Learning updates so far (table updates, or optimiser steps).</summary>
    long Updates { get; }

    /// <summary>Where a network agent computes; null for a tabular one.</summary>
    DeviceChoice? Device { get; }

    /// <summary>The greedy policy of what was learned so far, as a new object the caller owns (on the CPU).</summary>
    IPolicy ToPolicy();
}

/// <summary>What an agent is made for: the shape of the environment and the run.</summary>
/// <param name="ObservationSize">Length of the observation vector.</param>
/// <param name="ActionCount">Number of actions.</param>
/// <param name="StateCount">Discrete states (tabular agents), or null.</param>
/// <param name="Episodes">Episodes planned.</param>
/// <param name="Random">The agent's own seeded generator (exploration, sampling, replay batches).</param>
public sealed record AgentContext(int ObservationSize, int ActionCount, int? StateCount, int Episodes, Random Random);

/// <summary>An agent's settings; each agent's options record derives from it and makes the agent.</summary>
public abstract record AgentOptions
{
    /// <summary>Whether the agent computes with libtorch (its networks are built under the seed, one at a time).</summary>
    public abstract bool UsesTorch { get; }

    /// <summary>Makes the agent for <paramref name="context"/>; throws <see cref="ArgumentException"/> when it cannot
    /// work in that environment (e.g. a table for a continuous state).</summary>
    public abstract IAgent Create(AgentContext context);
}

/// <summary>ε, the probability of a random action: linear from <paramref name="Start"/> to <paramref name="End"/> over
/// <paramref name="DecayEpisodes"/> episodes, or over <paramref name="DecaySteps"/> environment steps when given (the
/// usual schedule of DQN, whose early episodes are short), then <paramref name="End"/>.</summary>
/// <param name="Start">ε at the start.</param>
/// <param name="End">ε after the decay.</param>
/// <param name="DecayEpisodes">Episodes over which ε falls; 0: <paramref name="End"/> from the start; null: half the episodes planned.</param>
/// <param name="DecaySteps">Environment steps over which ε falls instead; null: by episodes.</param>
public sealed record EpsilonSchedule(double Start = 1.0, double End = 0.05, int? DecayEpisodes = null, int? DecaySteps = null)
{
    /// <summary>ε in 0-based <paramref name="episode"/> of <paramref name="episodes"/>, after <paramref name="steps"/> steps in all.</summary>
    public double At(int episode, int episodes, long steps = 0)
    {
        if (DecaySteps is { } decaySteps)
            return decaySteps <= 0 || steps >= decaySteps ? End : Start + (End - Start) * steps / decaySteps;
        int decay = DecayEpisodes ?? Math.Max(1, episodes / 2);
        if (decay <= 0 || episode >= decay) return End;
        return Start + (End - Start) * episode / decay;
    }

    /// <summary>Throws <see cref="ArgumentException"/> for an out-of-range value.</summary>
    public void Validate()
    {
        if (Start is < 0 or > 1 || double.IsNaN(Start)) throw new ArgumentException($"epsilon start must be in [0, 1]; received {Start}");
        if (End is < 0 or > 1 || double.IsNaN(End)) throw new ArgumentException($"epsilon end must be in [0, 1]; received {End}");
        if (DecayEpisodes < 0) throw new ArgumentException($"epsilon decay_episodes must be ≥ 0; received {DecayEpisodes}");
        if (DecaySteps < 0) throw new ArgumentException($"epsilon decay_steps must be ≥ 0; received {DecaySteps}");
    }
}

/// <summary>Helpers the agents share.</summary>
internal static class AgentMath
{
    /// <summary>The index of the largest value; ties broken uniformly at random (so untried actions get tried).</summary>
    public static int ArgMaxRandomTie(ReadOnlySpan<double> values, Random random)
    {
        int best = 0, ties = 1;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best]) { best = i; ties = 1; }
            else if (values[i] == values[best] && random.Next(++ties) == 0) best = i;
        }
        return best;
    }

    /// <summary>Draws an index from <paramref name="probabilities"/> (they sum to 1).</summary>
    public static int Sample(ReadOnlySpan<double> probabilities, Random random)
    {
        double u = random.NextDouble(), cumulative = 0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            cumulative += probabilities[i];
            if (u < cumulative) return i;
        }
        return probabilities.Length - 1;
    }
}
