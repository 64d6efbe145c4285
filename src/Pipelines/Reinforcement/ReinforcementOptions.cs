using DeepLearning.Pipelines.Spec;
using DeepLearning.Pipelines.Trainers;
using DeepLearning.Trainers.Reinforcement.Agents;
using DeepLearning.Trainers.Reinforcement.Environments;
using WeightInit = DeepLearning.Trainers.Networks.WeightInit;

namespace DeepLearning.Pipelines.Reinforcement;

// Options records of the environments and agents a spec can name (task reinforcement).

/// <summary>The grid world.</summary>
public sealed record GridWorldSpec
{
    /// <summary>Map.</summary>
    [Option("The grid, one string per row, all as long: S start (exactly one), G goal, # wall, P pit (ends the episode), . free.", MinItems = 1)]
    public IReadOnlyList<string> Map { get; init; } = GridWorld.DefaultMap;

    /// <summary>Step reward.</summary>
    [Option("Reward of an ordinary move (a small cost makes the shortest path the best one).")]
    public double StepReward { get; init; } = -0.01;

    /// <summary>Goal reward.</summary>
    [Option("Reward of the move that reaches a goal.")]
    public double GoalReward { get; init; } = 1;

    /// <summary>Pit reward.</summary>
    [Option("Reward of the move into a pit.")]
    public double PitReward { get; init; } = -1;

    /// <summary>Step limit.</summary>
    [Option("Moves per episode at most; the episode is cut there.", Min = 1)]
    public int MaxSteps { get; init; } = 100;

    /// <summary>Exploring starts.</summary>
    [Option("Start each episode on a random free cell instead of S (exploring starts: every state gets visited, so the policy is learned everywhere).")]
    public bool RandomStart { get; init; }
}

/// <summary>The multi-armed bandit.</summary>
public sealed record BanditSpec
{
    /// <summary>Arms.</summary>
    [Option("Number of arms; omitted: as many as `means`, else 10.", Min = 2, Max = 10000)]
    public int? Arms { get; init; }

    /// <summary>Means.</summary>
    [Option("Each arm's expected reward; omitted: drawn from N(0, 1) with `means_seed`.", MinItems = 2)]
    public IReadOnlyList<double>? Means { get; init; }

    /// <summary>Means seed.</summary>
    [Option("Seed of the drawn means (separate from the spec's seed, so another training seed faces the same bandit).")]
    public int MeansSeed { get; init; }

    /// <summary>Noise.</summary>
    [Option("Standard deviation of a reward around its arm's mean.", Min = 0)]
    public double RewardStd { get; init; } = 1;
}

/// <summary>Cart-pole.</summary>
public sealed record CartPoleSpec
{
    /// <summary>Step limit.</summary>
    [Option("Steps per episode at most (CartPole-v1: 500); the episode is cut there.", Min = 1)]
    public int MaxSteps { get; init; } = CartPole.DefaultMaxSteps;
}

/// <summary>An ε-greedy schedule.</summary>
public sealed record EpsilonSpec
{
    /// <summary>Start.</summary>
    [Option("ε of the first episode: the probability of a random action.", Min = 0, Max = 1)]
    public double Start { get; init; } = 1;

    /// <summary>End.</summary>
    [Option("ε once the decay is over.", Min = 0, Max = 1)]
    public double End { get; init; } = 0.05;

    /// <summary>Decay.</summary>
    [Option("Episodes over which ε falls linearly from `start` to `end`; 0: `end` throughout; omitted: half the episodes.", Min = 0)]
    public int? DecayEpisodes { get; init; }

    /// <summary>Decay by steps.</summary>
    [Option("Environment steps over which ε falls instead (DQN's usual schedule: early episodes are short); omitted: by episodes.", Min = 0)]
    public int? DecaySteps { get; init; }

    /// <summary>The schedule.</summary>
    public EpsilonSchedule ToSchedule() => new(Start, End, DecayEpisodes, DecaySteps);
}

/// <summary>Tabular Q-learning.</summary>
public sealed record QLearningSpec
{
    /// <summary>α.</summary>
    [Option("Step size α of Q(s,a) ← Q(s,a) + α (r + γ maxₐ' Q(s',a') − Q(s,a)); null: 1/N(s,a), the sample average (best for a stationary bandit).", Min = 0, ExclusiveMin = true, Max = 1)]
    public double? LearningRate { get; init; } = 0.1;

    /// <summary>γ.</summary>
    [Option("Discount γ of future rewards.", Min = 0, Max = 1)]
    public double Discount { get; init; } = 0.99;

    /// <summary>Exploration.</summary>
    [Option("epsilon_greedy: a random action with probability ε; ucb: every action once, then the highest Q + c·√(ln N(s) / N(s,a)).")]
    public Exploration Exploration { get; init; } = Exploration.EpsilonGreedy;

    /// <summary>ε.</summary>
    [Option("ε per episode (epsilon_greedy).")]
    public EpsilonSpec Epsilon { get; init; } = new();

    /// <summary>c.</summary>
    [Option("UCB's exploration weight c (ucb).", Min = 0)]
    public double UcbC { get; init; } = 1;

    /// <summary>Q₀.</summary>
    [Option("Every Q(s, a) before learning (values above the best return are optimistic and drive exploration).")]
    public double InitialValue { get; init; }
}

/// <summary>Deep Q-network.</summary>
public sealed record DqnSpec
{
    /// <summary>Layers.</summary>
    [Option("Units per hidden layer of the Q-network.", MinItems = 1)]
    public IReadOnlyList<int> Hidden { get; init; } = [128, 128];

    /// <summary>Activation.</summary>
    [Option("Activation after each hidden layer.")]
    public HiddenActivation Activation { get; init; } = HiddenActivation.Relu;

    /// <summary>Initialisation.</summary>
    [Option("Weight initialisation: xavier, kaiming or zeros.")]
    public WeightInit Init { get; init; } = WeightInit.Kaiming;

    /// <summary>Optimiser.</summary>
    [Option("Optimiser of the Q-network, e.g. `{ name: adam, learning_rate: 0.001 }`.")]
    public OptimizerSpec Optimizer { get; init; } = new();

    /// <summary>γ.</summary>
    [Option("Discount γ of future rewards.", Min = 0, Max = 1)]
    public double Discount { get; init; } = 0.99;

    /// <summary>ε.</summary>
    [Option("ε per episode.")]
    public EpsilonSpec Epsilon { get; init; } = new();

    /// <summary>Replay.</summary>
    [Option("Transitions the experience-replay buffer keeps.", Min = 1)]
    public int ReplaySize { get; init; } = 10_000;

    /// <summary>Batch.</summary>
    [Option("Transitions per update, drawn uniformly from the buffer.", Min = 1)]
    public int BatchSize { get; init; } = 64;

    /// <summary>Warm-up.</summary>
    [Option("Steps taken before the first update.", Min = 0)]
    public int LearningStarts { get; init; } = 1000;

    /// <summary>Update frequency.</summary>
    [Option("An update every this many steps.", Min = 1)]
    public int TrainEvery { get; init; } = 1;

    /// <summary>Target sync.</summary>
    [Option("Steps between copies of the Q-network into the target network.", Min = 1)]
    public int TargetUpdate { get; init; } = 500;

    /// <summary>Soft target.</summary>
    [Option("Soft target updates instead: after every update θ_target ← τ θ + (1 − τ) θ_target; omitted: hard copies every `target_update` steps.", Min = 0, ExclusiveMin = true, Max = 1)]
    public double? TargetTau { get; init; }

    /// <summary>Double DQN.</summary>
    [Option("Double DQN: the online network picks the next action, the target network values it.")]
    public bool DoubleDqn { get; init; }

    /// <summary>Loss.</summary>
    [Option("huber (smooth L1) or mse between Q(s, a) and its target.")]
    public DqnLoss Loss { get; init; } = DqnLoss.Huber;

    /// <summary>Clip.</summary>
    [Option("Largest gradient norm of an update; 0: no clipping.", Min = 0)]
    public double GradientClip { get; init; } = 10;

    /// <summary>Threads.</summary>
    [Option("libtorch threads; 1 is fastest for these tiny networks.", Min = 1)]
    public int Threads { get; init; } = 1;

    /// <summary>Device.</summary>
    [Option("Where to compute: auto (CUDA when libtorch's CUDA backend loads and a GPU is visible, else cpu), cpu, cuda or cuda:N. A network this small runs faster on the CPU.")]
    public string Device { get; init; } = "auto";
}

/// <summary>REINFORCE with a baseline.</summary>
public sealed record ReinforceSpec
{
    /// <summary>Layers.</summary>
    [Option("Units per hidden layer of the policy network (and of the value network).", MinItems = 1)]
    public IReadOnlyList<int> Hidden { get; init; } = [128];

    /// <summary>Activation.</summary>
    [Option("Activation after each hidden layer.")]
    public HiddenActivation Activation { get; init; } = HiddenActivation.Relu;

    /// <summary>Initialisation.</summary>
    [Option("Weight initialisation: xavier, kaiming or zeros.")]
    public WeightInit Init { get; init; } = WeightInit.Kaiming;

    /// <summary>Optimiser.</summary>
    [Option("Optimiser of the policy network, e.g. `{ name: adam, learning_rate: 0.003 }`.")]
    public OptimizerSpec Optimizer { get; init; } = new() { LearningRate = 0.003 };

    /// <summary>γ.</summary>
    [Option("Discount γ of future rewards.", Min = 0, Max = 1)]
    public double Discount { get; init; } = 0.99;

    /// <summary>Baseline.</summary>
    [Option("value: a learned V(s) (advantage G − V); normalize: standardised returns; none: plain REINFORCE.")]
    public Baseline Baseline { get; init; } = Baseline.Value;

    /// <summary>Value α.</summary>
    [Option("Learning rate of the value network (Adam), with baseline value.", Min = 0, ExclusiveMin = true)]
    public double ValueLearningRate { get; init; } = 0.01;

    /// <summary>Standardise.</summary>
    [Option("Standardise the advantages of each update (mean 0, standard deviation 1).")]
    public bool NormalizeAdvantages { get; init; } = true;

    /// <summary>Entropy.</summary>
    [Option("Weight of an entropy bonus that keeps the policy from committing too early; 0: none.", Min = 0)]
    public double Entropy { get; init; }

    /// <summary>Batch.</summary>
    [Option("Episodes per policy update.", Min = 1)]
    public int BatchEpisodes { get; init; } = 1;

    /// <summary>Threads.</summary>
    [Option("libtorch threads; 1 is fastest for these tiny networks.", Min = 1)]
    public int Threads { get; init; } = 1;

    /// <summary>Device.</summary>
    [Option("Where to compute: auto (CUDA when libtorch's CUDA backend loads and a GPU is visible, else cpu), cpu, cuda or cuda:N. A network this small runs faster on the CPU.")]
    public string Device { get; init; } = "auto";
}
