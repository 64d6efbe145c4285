using DeepLearning.Pipelines.Spec;
using DeepLearning.Pipelines.Trainers;
using DeepLearning.Trainers.Activations;
using DeepLearning.Trainers.Devices;
using DeepLearning.Trainers.Optimization;
using DeepLearning.Trainers.Reinforcement.Agents;
using DeepLearning.Trainers.Reinforcement.Environments;

namespace DeepLearning.Pipelines.Reinforcement;

/// <summary>An environment a spec can name.</summary>
/// <param name="Name">Spec name.</param>
/// <param name="Description">One line for `dlp schema` and the docs.</param>
/// <param name="OptionsType">The options record bound from the spec.</param>
/// <param name="Create">Makes the environment from its options; throws <see cref="ArgumentException"/> naming a bad option.</param>
/// <param name="State">What its state is, for messages about agents that cannot work with it.</param>
public sealed record EnvironmentDefinition(string Name, string Description, Type OptionsType, Func<object, IEnvironment> Create, string State);

/// <summary>An agent a spec can name.</summary>
/// <param name="Name">Spec name.</param>
/// <param name="Description">One line for `dlp schema` and the docs.</param>
/// <param name="OptionsType">The options record bound from the spec.</param>
/// <param name="Environments">The environments it learns in.</param>
/// <param name="Create">The agent's settings from its options.</param>
/// <param name="Needs">What it needs of a state, for messages about environments it cannot work in.</param>
/// <param name="Threads">libtorch threads its options ask for (1 for a tabular agent).</param>
public sealed record AgentDefinition(string Name, string Description, Type OptionsType, IReadOnlySet<string> Environments, Func<object, AgentOptions> Create, string Needs, Func<object, int> Threads);

/// <summary>Every environment a spec can name.</summary>
public sealed class EnvironmentCatalog(IEnumerable<EnvironmentDefinition> definitions) : IOptionsCatalog
{
    private readonly Dictionary<string, EnvironmentDefinition> definitions = definitions.ToDictionary(d => d.Name);

    /// <summary>The built-in catalog: grid_world, bandit, cart_pole.</summary>
    public static EnvironmentCatalog Default { get; } = new(BuiltIn());

    /// <inheritdoc />
    public IReadOnlyList<string> Names => definitions.Keys.Order().ToList();

    /// <inheritdoc />
    public Type? OptionsType(string name) => Find(name)?.OptionsType;

    /// <inheritdoc />
    public string Describe(string name) => Find(name)?.Description ?? "";

    /// <summary>The definition named <paramref name="name"/>, or null.</summary>
    public EnvironmentDefinition? Find(string name) => definitions.GetValueOrDefault(name);

    /// <summary>Makes the environment <paramref name="spec"/> names.</summary>
    public IEnvironment Create(EnvironmentSpec spec) =>
        (Find(spec.Name) ?? throw new ArgumentException($"unknown environment '{spec.Name}'; allowed: {string.Join(", ", Names)}")).Create(spec.Options);

    private static IEnumerable<EnvironmentDefinition> BuiltIn()
    {
        yield return new("grid_world", "A grid drawn as text (S start, G goal, # walls, P pits); four moves, a cost per step: the best policy walks a shortest path to the goal.",
            typeof(GridWorldSpec), o =>
            {
                var s = (GridWorldSpec)o;
                return new GridWorld(s.Map, s.StepReward, s.GoalReward, s.PitReward, s.MaxSteps, s.RandomStart);
            }, "its state is a cell of the grid");
        yield return new("bandit", "The k-armed bandit: one state, k arms paying normally distributed rewards; an episode is one pull.",
            typeof(BanditSpec), o =>
            {
                var s = (BanditSpec)o;
                if (s.Means is { } means)
                {
                    if (s.Arms is { } arms && arms != means.Count)
                        throw new ArgumentException($"arms is {arms} but means lists {means.Count}; give one of them, or make them agree");
                    return new MultiArmedBandit(means, s.RewardStd);
                }
                return MultiArmedBandit.Random(s.Arms ?? 10, s.MeansSeed, s.RewardStd);
            }, "it has a single state, so there is nothing for a network to generalise across");
        yield return new("cart_pole", "Classic cart-pole (Gym CartPole-v1): push the cart left or right to keep the pole up; +1 per step, at most 500 steps.",
            typeof(CartPoleSpec), o => new CartPole(((CartPoleSpec)o).MaxSteps), "its state is 4 continuous numbers (x, x_dot, theta, theta_dot)");
    }
}

/// <summary>Every agent a spec can name.</summary>
public sealed class AgentCatalog(IEnumerable<AgentDefinition> definitions) : IOptionsCatalog
{
    private readonly Dictionary<string, AgentDefinition> definitions = definitions.ToDictionary(d => d.Name);

    /// <summary>The built-in catalog: q_learning, dqn, reinforce.</summary>
    public static AgentCatalog Default { get; } = new(BuiltIn());

    /// <inheritdoc />
    public IReadOnlyList<string> Names => definitions.Keys.Order().ToList();

    /// <inheritdoc />
    public Type? OptionsType(string name) => Find(name)?.OptionsType;

    /// <inheritdoc />
    public string Describe(string name) => Find(name)?.Description ?? "";

    /// <summary>The definition named <paramref name="name"/>, or null.</summary>
    public AgentDefinition? Find(string name) => definitions.GetValueOrDefault(name);

    /// <summary>Agents that learn in <paramref name="environment"/>.</summary>
    public IReadOnlyList<string> NamesFor(string environment) =>
        definitions.Values.Where(d => d.Environments.Contains(environment)).Select(d => d.Name).Order().ToList();

    private static DeviceRequest Device(string device)
    {
        try
        {
            return DeviceRequest.Parse(device);
        }
        catch (ArgumentException)
        {
            throw new SpecException(new SpecError(null, "agent.device", $"received '{device}'; allowed: auto, cpu, cuda, cuda:N"));
        }
    }

    private static ActivationKind Activation(HiddenActivation activation) => activation switch
    {
        HiddenActivation.LeakyRelu => ActivationKind.LeakyRelu,
        HiddenActivation.Tanh => ActivationKind.Tanh,
        HiddenActivation.Sigmoid => ActivationKind.Sigmoid,
        _ => ActivationKind.Relu,
    };

    private static OptimizerOptions Optimizer(OptimizerSpec s) => new(s.Name, s.LearningRate, s.WeightDecay, s.Momentum);

    private static IEnumerable<AgentDefinition> BuiltIn()
    {
        yield return new("q_learning", "Tabular Q-learning: a table of action values per discrete state, ε-greedy or UCB exploration.",
            typeof(QLearningSpec), new HashSet<string> { "grid_world", "bandit" }, o =>
            {
                var s = (QLearningSpec)o;
                return new QLearningOptions
                {
                    LearningRate = s.LearningRate, Discount = s.Discount, Exploration = s.Exploration, Epsilon = s.Epsilon.ToSchedule(),
                    UcbC = s.UcbC, InitialValue = s.InitialValue,
                };
            }, "keeps a table of values per discrete state", _ => 1);
        yield return new("dqn", "Deep Q-network (TorchSharp): experience replay, a target network, ε-greedy exploration.",
            typeof(DqnSpec), new HashSet<string> { "cart_pole", "grid_world" }, o =>
            {
                var s = (DqnSpec)o;
                return new DqnOptions
                {
                    Network = new(s.Hidden, Activation(s.Activation), s.Init), Optimizer = Optimizer(s.Optimizer), Discount = s.Discount,
                    Epsilon = s.Epsilon.ToSchedule(), ReplaySize = s.ReplaySize, BatchSize = s.BatchSize, LearningStarts = s.LearningStarts,
                    TrainEvery = s.TrainEvery, TargetUpdate = s.TargetUpdate, TargetTau = s.TargetTau, DoubleDqn = s.DoubleDqn, Loss = s.Loss, GradientClip = s.GradientClip,
                    Device = Device(s.Device),
                };
            }, "learns a network over observation vectors", o => ((DqnSpec)o).Threads);
        yield return new("reinforce", "REINFORCE policy gradient with a baseline (TorchSharp): samples its softmax policy, updates after each episode.",
            typeof(ReinforceSpec), new HashSet<string> { "cart_pole", "grid_world" }, o =>
            {
                var s = (ReinforceSpec)o;
                return new ReinforceOptions
                {
                    Network = new(s.Hidden, Activation(s.Activation), s.Init), Optimizer = Optimizer(s.Optimizer), Discount = s.Discount,
                    Baseline = s.Baseline, ValueLearningRate = s.ValueLearningRate, NormalizeAdvantages = s.NormalizeAdvantages,
                    Entropy = s.Entropy, BatchEpisodes = s.BatchEpisodes, Device = Device(s.Device),
                };
            }, "learns a network over observation vectors", o => ((ReinforceSpec)o).Threads);
    }
}
