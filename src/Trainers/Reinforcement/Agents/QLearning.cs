using DeepLearning.Trainers.Devices;
using DeepLearning.Trainers.Reinforcement.Environments;
using DeepLearning.Trainers.Reinforcement.Policies;

namespace DeepLearning.Trainers.Reinforcement.Agents;

/// <summary>How a tabular agent chooses actions while it learns.</summary>
public enum Exploration
{
    /// <summary>A random action with probability ε (per the schedule), else the best-valued one.</summary>
    EpsilonGreedy,
    /// <summary>Upper confidence bound (UCB1): every action once, then the one with the highest
    /// Q(s, a) + c·√(ln N(s) / N(s, a)): optimism where the estimate is still uncertain.</summary>
    Ucb,
}

/// <summary>Tabular Q-learning (Watkins 1989).</summary>
public sealed record QLearningOptions : AgentOptions
{
    /// <summary>Step size α of Q(s,a) ← Q(s,a) + α (r + γ maxₐ' Q(s',a') − Q(s,a)); null: 1/N(s,a), the sample
    /// average of the targets seen (the right choice for a stationary bandit).</summary>
    public double? LearningRate { get; init; } = 0.1;

    /// <summary>Discount γ of future rewards.</summary>
    public double Discount { get; init; } = 0.99;

    /// <summary>How actions are chosen while learning.</summary>
    public Exploration Exploration { get; init; } = Exploration.EpsilonGreedy;

    /// <summary>ε per episode (ε-greedy).</summary>
    public EpsilonSchedule Epsilon { get; init; } = new();

    /// <summary>UCB's exploration weight c.</summary>
    public double UcbC { get; init; } = 2;

    /// <summary>Every Q(s, a) before learning (optimistic values above the achievable return also drive exploration).</summary>
    public double InitialValue { get; init; }

    /// <inheritdoc />
    public override bool UsesTorch => false;

    /// <inheritdoc />
    public override IAgent Create(AgentContext context)
    {
        if (context.StateCount is not { } states)
            throw new ArgumentException("q_learning keeps a table of values per discrete state, and this environment's state is continuous; use dqn or reinforce");
        if (LearningRate is { } a && (!(a > 0) || a > 1)) throw new ArgumentException($"learning rate must be in (0, 1]; received {a}");
        if (Discount is < 0 or > 1 || double.IsNaN(Discount)) throw new ArgumentException($"discount must be in [0, 1]; received {Discount}");
        if (!(UcbC >= 0)) throw new ArgumentException($"ucb_c must be ≥ 0; received {UcbC}");
        Epsilon.Validate();
        return new QLearning(this, states, context.ActionCount, context.Episodes, context.Random);
    }
}

/// <summary>The tabular Q-learning agent: off-policy temporal-difference control on a table of action values.</summary>
public sealed class QLearning : IAgent
{
    private readonly QLearningOptions options;
    private readonly double[][] q;
    private readonly long[][] visits;
    private readonly long[] stateVisits;
    private readonly int episodes;
    private readonly Random random;
    private double epsilon;
    private long updates;

    internal QLearning(QLearningOptions options, int states, int actions, int episodes, Random random)
    {
        this.options = options;
        this.episodes = episodes;
        this.random = random;
        q = Enumerable.Range(0, states).Select(_ => Enumerable.Repeat(options.InitialValue, actions).ToArray()).ToArray();
        visits = Enumerable.Range(0, states).Select(_ => new long[actions]).ToArray();
        stateVisits = new long[states];
    }

    /// <summary>Q(state, action) now.</summary>
    public double Value(int state, int action) => q[state][action];

    /// <inheritdoc />
    public double? Epsilon => options.Exploration == Exploration.EpsilonGreedy ? epsilon : null;

    /// <inheritdoc />
    public double? EpisodeLoss => null;

    /// <inheritdoc />
    public long Updates => updates;

    /// <inheritdoc />
    public DeviceChoice? Device => null;

    /// <inheritdoc />
    public void BeginEpisode(int episode) => epsilon = options.Epsilon.At(episode, episodes);

    /// <inheritdoc />
    public int Act(Observation observation)
    {
        int s = observation.State;
        var values = q[s];
        if (options.Exploration == Exploration.Ucb)
        {
            // Every action once, in a random order; then the upper confidence bound.
            var untried = Enumerable.Range(0, values.Length).Where(a => visits[s][a] == 0).ToList();
            if (untried.Count > 0) return untried[random.Next(untried.Count)];
            double log = Math.Log(stateVisits[s]);
            Span<double> bounds = stackalloc double[values.Length];
            for (int a = 0; a < values.Length; a++) bounds[a] = values[a] + options.UcbC * Math.Sqrt(log / visits[s][a]);
            return AgentMath.ArgMaxRandomTie(bounds, random);
        }
        if (random.NextDouble() < epsilon) return random.Next(values.Length);
        return AgentMath.ArgMaxRandomTie(values, random);
    }

    /// <inheritdoc />
    public void Learn(in Transition t)
    {
        int s = t.State.State, a = t.Action;
        long n = ++visits[s][a];
        stateVisits[s]++;
        // A terminal state is worth nothing more; a truncated episode's next state still is.
        double target = t.Reward + (t.Terminated ? 0 : options.Discount * q[t.Next.State].Max());
        double alpha = options.LearningRate ?? 1.0 / n;
        q[s][a] += alpha * (target - q[s][a]);
        updates++;
    }

    /// <inheritdoc />
    public void EndEpisode() { }

    /// <inheritdoc />
    public IPolicy ToPolicy() => new QTablePolicy(q);

    /// <inheritdoc />
    public void Dispose() { }
}
