namespace DeepLearning.Trainers.Reinforcement.Environments;

/// <summary>What an agent perceives of its environment at one moment.</summary>
/// <param name="Vector">The observation a network reads (cart-pole: the four state variables; grid world: a one-hot
/// vector of the cells; bandit: a single 1).</param>
/// <param name="State">The discrete state's index for tabular agents, 0 ≤ State &lt; <see cref="IEnvironment.StateCount"/>;
/// −1 in a continuous environment.</param>
public readonly record struct Observation(float[] Vector, int State);

/// <summary>The outcome of one action.</summary>
/// <param name="Next">What the agent perceives afterwards.</param>
/// <param name="Reward">The reward (or punishment, when negative) for the action.</param>
/// <param name="Terminated">The episode ended in a terminal state (goal, pit, pole fallen): nothing follows, so
/// learning does not bootstrap from <paramref name="Next"/>.</param>
/// <param name="Truncated">The episode was cut at its step limit without a terminal state: learning still
/// bootstraps from <paramref name="Next"/>.</param>
public readonly record struct StepResult(Observation Next, double Reward, bool Terminated, bool Truncated)
{
    /// <summary>The episode is over, either way.</summary>
    public bool Done => Terminated || Truncated;
}

/// <summary>An environment an agent learns in by trial and error: it is reset to a start state, then each action
/// gives a reward and the next observation, until a terminal state or a step limit. Implement it to train the
/// built-in agents on a problem of your own (see README, reinforcement learning). An instance is used by one
/// thread at a time.</summary>
public interface IEnvironment
{
    /// <summary>Number of actions; actions are 0 … ActionCount − 1.</summary>
    int ActionCount { get; }

    /// <summary>Names of the actions, for people (e.g. <c>left</c>, <c>right</c>).</summary>
    IReadOnlyList<string> ActionNames { get; }

    /// <summary>Length of <see cref="Observation.Vector"/>.</summary>
    int ObservationSize { get; }

    /// <summary>Number of discrete states for a tabular agent; null when the state is continuous.</summary>
    int? StateCount { get; }

    /// <summary>Names of the numbers that describe a state as people give it (<see cref="Observe"/>): cart-pole's
    /// <c>x, x_dot, theta, theta_dot</c>, the grid's <c>row, column</c>; empty when there is a single state.</summary>
    IReadOnlyList<string> StateVariables { get; }

    /// <summary>The step limit of an episode (it is truncated there).</summary>
    int MaxSteps { get; }

    /// <summary>Starts an episode. <paramref name="random"/> draws everything random in the episode (start state,
    /// noisy rewards); the environment keeps it until the next reset, so a seeded generator gives a seeded episode.</summary>
    Observation Reset(Random random);

    /// <summary>Takes <paramref name="action"/> in the current state.</summary>
    StepResult Step(int action);

    /// <summary>The observation of a state given as the numbers of <see cref="StateVariables"/> (for predicting an
    /// action in any state); throws <see cref="ArgumentException"/> naming what is wrong with it.</summary>
    Observation Observe(IReadOnlyList<double> state);
}

/// <summary>An environment that knows the best expected reward, so the regret of each action can be measured
/// (the multi-armed bandit).</summary>
public interface IRegretEnvironment : IEnvironment
{
    /// <summary>Expected reward of the best action in the current state minus that of <paramref name="action"/> (≥ 0).</summary>
    double Regret(int action);
}
