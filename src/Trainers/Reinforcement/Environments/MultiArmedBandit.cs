namespace DeepLearning.Trainers.Reinforcement.Environments;

/// <summary>The k-armed bandit (Sutton and Barto, chapter 2): one state, k actions ("arms"); pulling arm a pays a
/// reward drawn from a normal distribution with mean μₐ and a common standard deviation. The means are fixed when
/// the bandit is made (given, or drawn from N(0, 1) with a seed of their own). An episode is one pull, so episodes
/// count pulls, and nothing is bootstrapped from one pull to the next. The regret of a pull is μ* − μₐ.</summary>
public sealed class MultiArmedBandit : IRegretEnvironment
{
    private static readonly float[] Only = [1f];
    private Random random = new(0);
    private bool done = true;

    /// <summary>A bandit with the given arm means.</summary>
    public MultiArmedBandit(IReadOnlyList<double> means, double rewardStd = 1)
    {
        if (means.Count < 2) throw new ArgumentException($"a bandit needs at least 2 arms; received {means.Count}");
        if (means.Any(m => !double.IsFinite(m))) throw new ArgumentException("arm means must be finite numbers");
        if (!(rewardStd >= 0) || !double.IsFinite(rewardStd)) throw new ArgumentException($"reward_std must be ≥ 0; received {rewardStd}");
        Means = means.ToList();
        RewardStd = rewardStd;
        BestMean = Means.Max();
        ActionNames = Enumerable.Range(0, Means.Count).Select(a => $"arm_{a}").ToList();
    }

    /// <summary>A bandit of <paramref name="arms"/> arms whose means are drawn from N(0, 1) with <paramref name="meansSeed"/>.</summary>
    public static MultiArmedBandit Random(int arms, int meansSeed, double rewardStd = 1)
    {
        if (arms < 2) throw new ArgumentException($"a bandit needs at least 2 arms; received {arms}");
        var random = new Random(meansSeed);
        return new MultiArmedBandit(Enumerable.Range(0, arms).Select(_ => Normal(random)).ToList(), rewardStd);
    }

    /// <summary>Each arm's expected reward μₐ.</summary>
    public IReadOnlyList<double> Means { get; }

    /// <summary>μ* = the largest mean.</summary>
    public double BestMean { get; }

    /// <summary>Standard deviation of every reward around its arm's mean.</summary>
    public double RewardStd { get; }

    /// <inheritdoc />
    public int ActionCount => Means.Count;

    /// <inheritdoc />
    public IReadOnlyList<string> ActionNames { get; }

    /// <inheritdoc />
    public int ObservationSize => 1;

    /// <inheritdoc />
    public int? StateCount => 1;

    /// <inheritdoc />
    public IReadOnlyList<string> StateVariables { get; } = [];

    /// <inheritdoc />
    public int MaxSteps => 1;

    /// <inheritdoc />
    public Observation Reset(Random random)
    {
        this.random = random;
        done = false;
        return new Observation(Only, 0);
    }

    /// <inheritdoc />
    public StepResult Step(int action)
    {
        if (done) throw new InvalidOperationException("the episode is over; call Reset");
        if (action < 0 || action >= Means.Count) throw new ArgumentOutOfRangeException(nameof(action), action, $"arms are 0–{Means.Count - 1}");
        double reward = Means[action] + RewardStd * Normal(random);
        // Each pull is a whole episode and ends it: the value of an arm is its immediate reward, nothing follows.
        done = true;
        return new StepResult(new Observation(Only, 0), reward, Terminated: true, Truncated: false);
    }

    /// <inheritdoc />
    public double Regret(int action) => BestMean - Means[action];

    /// <inheritdoc />
    public Observation Observe(IReadOnlyList<double> state)
    {
        if (state.Count != 0) throw new ArgumentException($"a bandit has a single state, described by no numbers; received {state.Count}");
        return new Observation(Only, 0);
    }

    /// <summary>A standard normal draw (Box–Muller), from <paramref name="random"/> only.</summary>
    public static double Normal(Random random)
    {
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
