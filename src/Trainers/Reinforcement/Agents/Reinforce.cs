using DeepLearning.Trainers.Devices;
using DeepLearning.Trainers.Networks;
using DeepLearning.Trainers.Optimization;
using DeepLearning.Trainers.Reinforcement.Environments;
using DeepLearning.Trainers.Reinforcement.Policies;
using DeepLearning.Trainers.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace DeepLearning.Trainers.Reinforcement.Agents;

/// <summary>What REINFORCE subtracts from the return to reduce the variance of its gradient.</summary>
public enum Baseline
{
    /// <summary>A learned state value V(s): a second network fit to the returns (advantage G − V(s)).</summary>
    Value,
    /// <summary>The episode batch's mean return (returns standardised: mean 0, standard deviation 1).</summary>
    Normalize,
    /// <summary>Nothing: the plain Monte-Carlo policy gradient.</summary>
    None,
}

/// <summary>REINFORCE (Williams 1992), the Monte-Carlo policy gradient: a network gives the action probabilities
/// π(a | s) (softmax of its outputs); after each episode (or batch of episodes) it ascends
/// Σₜ log π(aₜ | sₜ)·(Gₜ − b(sₜ)), where Gₜ is the discounted return from step t and b a baseline. It explores by
/// sampling its own policy, so it has no ε.</summary>
public sealed record ReinforceOptions : AgentOptions
{
    /// <summary>The policy network's hidden layers (the value network has the same).</summary>
    public NetworkShape Network { get; init; } = new([128]);

    /// <summary>Optimiser of the policy network.</summary>
    public OptimizerOptions Optimizer { get; init; } = new(OptimizerKind.Adam, 0.003);

    /// <summary>Discount γ.</summary>
    public double Discount { get; init; } = 0.99;

    /// <summary>Baseline.</summary>
    public Baseline Baseline { get; init; } = Baseline.Value;

    /// <summary>Learning rate of the value network (Adam), with <see cref="Baseline.Value"/>.</summary>
    public double ValueLearningRate { get; init; } = 0.01;

    /// <summary>Standardise the advantages of each update (mean 0, standard deviation 1).</summary>
    public bool NormalizeAdvantages { get; init; } = true;

    /// <summary>Weight of an entropy bonus that keeps the policy from committing too early (0: none).</summary>
    public double Entropy { get; init; }

    /// <summary>Episodes per update.</summary>
    public int BatchEpisodes { get; init; } = 1;

    /// <summary>Where to compute.</summary>
    public DeviceRequest Device { get; init; } = DeviceRequest.Auto;

    /// <inheritdoc />
    public override bool UsesTorch => true;

    /// <inheritdoc />
    public override IAgent Create(AgentContext context)
    {
        Optimizer.Validate();
        if (Discount is < 0 or > 1 || double.IsNaN(Discount)) throw new ArgumentException($"discount must be in [0, 1]; received {Discount}");
        if (!(ValueLearningRate > 0)) throw new ArgumentException($"value_learning_rate must be > 0; received {ValueLearningRate}");
        if (!(Entropy >= 0)) throw new ArgumentException($"entropy must be ≥ 0; received {Entropy}");
        if (BatchEpisodes < 1) throw new ArgumentException($"batch_episodes must be ≥ 1; received {BatchEpisodes}");
        return new Reinforce(this, context);
    }
}

/// <summary>The REINFORCE agent.</summary>
public sealed class Reinforce : IAgent
{
    private readonly ReinforceOptions options;
    private readonly AgentContext context;
    private readonly NeuralNetwork policy;
    private readonly NeuralNetwork? value;
    private readonly GradientDescent policyOptimizer;
    private readonly GradientDescent? valueOptimizer;
    private readonly torch.Device device;
    private readonly List<float> states = [];
    private readonly List<long> actions = [];
    private readonly List<double> rewards = [];
    private readonly List<float> returns = [];
    private int episode, batched;
    private long updates;
    private double? loss;

    internal Reinforce(ReinforceOptions options, AgentContext context)
    {
        this.options = options;
        this.context = context;
        var choice = TorchRuntime.Choose(options.Device);
        Device = choice;
        device = choice.Device;
        policy = options.Network.For(context.ObservationSize, context.ActionCount).Build();
        if (options.Baseline == Baseline.Value) value = options.Network.For(context.ObservationSize, 1).Build();
        if (choice.Name != "cpu")
        {
            policy.to(device);
            value?.to(device);
        }
        policyOptimizer = Optimizers.Create(policy.parameters(), options.Optimizer);
        if (value is not null) valueOptimizer = Optimizers.Create(value.parameters(), new OptimizerOptions(OptimizerKind.Adam, options.ValueLearningRate));
    }

    /// <inheritdoc />
    public double? Epsilon => null;

    /// <inheritdoc />
    public double? EpisodeLoss => loss;

    /// <inheritdoc />
    public long Updates => updates;

    /// <inheritdoc />
    public DeviceChoice? Device { get; }

    /// <inheritdoc />
    public void BeginEpisode(int episode)
    {
        this.episode = episode;
        loss = null;
    }

    /// <inheritdoc />
    public int Act(Observation observation)
    {
        double[] logits;
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            var input = tensor(observation.Vector, [1, observation.Vector.Length]).to(device);
            logits = policy.forward(input).cpu().data<float>().ToArray().Select(v => (double)v).ToArray();
        }
        return AgentMath.Sample(NetworkPolicy.Softmax(logits), context.Random);
    }

    /// <inheritdoc />
    public void Learn(in Transition t)
    {
        states.AddRange(t.State.Vector);
        actions.Add(t.Action);
        rewards.Add(t.Reward);
    }

    /// <inheritdoc />
    public void EndEpisode()
    {
        // Discounted return from each step to the end of the episode: Gₜ = rₜ + γ Gₜ₊₁.
        var episodeReturns = new float[rewards.Count];
        double g = 0;
        for (int t = rewards.Count - 1; t >= 0; t--) episodeReturns[t] = (float)(g = rewards[t] + options.Discount * g);
        returns.AddRange(episodeReturns);
        rewards.Clear();
        if (++batched < options.BatchEpisodes) return;
        if (actions.Count > 0) Update();
        states.Clear();
        actions.Clear();
        returns.Clear();
        batched = 0;
    }

    private void Update()
    {
        int n = actions.Count, width = context.ObservationSize;
        using var scope = NewDisposeScope();
        var x = tensor(states.ToArray(), [n, width]).to(device);
        var a = tensor(actions.ToArray(), [n, 1]).to(device);
        var g = tensor(returns.ToArray()).to(device);
        policy.train();
        Tensor advantage;
        if (value is not null)
        {
            value.train();
            valueOptimizer!.zero_grad();
            var v = value.forward(x).squeeze(1);
            var valueLoss = nn.functional.mse_loss(v, g);
            valueLoss.backward();
            valueOptimizer.step();
            value.eval();
            advantage = g - v.detach();
        }
        else if (options.Baseline == Baseline.Normalize) advantage = Standardise(g);
        else advantage = g;
        if (options.NormalizeAdvantages && options.Baseline != Baseline.Normalize) advantage = Standardise(advantage);

        policyOptimizer.zero_grad();
        var logProbabilities = nn.functional.log_softmax(policy.forward(x), 1);
        var chosen = logProbabilities.gather(1, a).squeeze(1);
        var objective = -(chosen * advantage).mean();
        if (options.Entropy > 0)
        {
            var entropy = -(logProbabilities.exp() * logProbabilities).sum(1).mean();
            objective = objective - options.Entropy * entropy;
        }
        double lossValue = objective.item<float>();
        if (!double.IsFinite(lossValue))
            throw new TrainingDivergedException(new Divergence(episode + 1, options.Optimizer.LearningRate, lossValue, double.NaN, "episode"),
                new TrainingHistory([], [], [], 0, false, null));
        objective.backward();
        policyOptimizer.step();
        policy.eval();
        updates++;
        loss = lossValue;
    }

    /// <summary>(v − mean) / std; a batch of one (or of equal values) is only centred.</summary>
    private static Tensor Standardise(Tensor values)
    {
        var centred = values - values.mean();
        if (values.shape[0] < 2) return centred;
        return centred / (values.std() + 1e-8);
    }

    /// <inheritdoc />
    public IPolicy ToPolicy() => NetworkPolicy.CopyOf(policy, ActionScores.Probabilities);

    /// <inheritdoc />
    public void Dispose()
    {
        policyOptimizer.Dispose();
        valueOptimizer?.Dispose();
        policy.Dispose();
        value?.Dispose();
    }
}
