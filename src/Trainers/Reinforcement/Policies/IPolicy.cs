using DeepLearning.Trainers.Reinforcement.Environments;

namespace DeepLearning.Trainers.Reinforcement.Policies;

/// <summary>What a policy's scores of the actions are.</summary>
public enum ActionScores
{
    /// <summary>Estimated action values Q(s, a): the expected discounted return of taking the action, then acting greedily.</summary>
    QValues,
    /// <summary>The probability π(a | s) of choosing each action.</summary>
    Probabilities,
}

/// <summary>A trained policy: what to do in a state. Acting is greedy (the highest score, the lowest action on a
/// tie), so a policy is deterministic. Safe to share across threads for acting; saved into a model bundle.</summary>
public interface IPolicy : IDisposable
{
    /// <summary>Names the policy type in a saved file (<see cref="Policies.Load"/> dispatches on it).</summary>
    string Kind { get; }

    /// <summary>Number of actions.</summary>
    int ActionCount { get; }

    /// <summary>What <see cref="Scores"/> returns.</summary>
    ActionScores ScoreKind { get; }

    /// <summary>One score per action in the state observed as <paramref name="observation"/>.</summary>
    double[] Scores(Observation observation);

    /// <summary>The greedy action: the highest score, the lowest index on a tie.</summary>
    int Act(Observation observation) => ArgMax(Scores(observation));

    /// <summary>Writes the policy (its table, or its network's architecture and weights) as JSON.</summary>
    void SaveTo(Stream stream);

    /// <summary>The index of the largest value, the first on a tie.</summary>
    static int ArgMax(ReadOnlySpan<double> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}
