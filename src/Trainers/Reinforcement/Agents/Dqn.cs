using DeepLearning.Trainers.Devices;
using DeepLearning.Trainers.Networks;
using DeepLearning.Trainers.Optimization;
using DeepLearning.Trainers.Reinforcement.Environments;
using DeepLearning.Trainers.Reinforcement.Policies;
using DeepLearning.Trainers.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace DeepLearning.Trainers.Reinforcement.Agents;

/// <summary>The loss between Q(s, a) and its target.</summary>
public enum DqnLoss
{
    /// <summary>Huber (smooth L1): quadratic near 0, linear beyond 1, so a surprising target cannot blow up a step.</summary>
    Huber,
    /// <summary>Mean squared error.</summary>
    Mse,
}

/// <summary>Deep Q-network (Mnih et al. 2015): a network estimates Q(s, ·), trained on mini-batches drawn from an
/// experience-replay buffer towards r + γ maxₐ' Q_target(s', a'), where the target network is a copy refreshed every
/// <see cref="TargetUpdate"/> steps; actions are ε-greedy.</summary>
public sealed record DqnOptions : AgentOptions
{
    /// <summary>The Q-network's hidden layers.</summary>
    public NetworkShape Network { get; init; } = new([128, 128]);

    /// <summary>Optimiser of the Q-network.</summary>
    public OptimizerOptions Optimizer { get; init; } = new(OptimizerKind.Adam, 0.001);

    /// <summary>Discount γ.</summary>
    public double Discount { get; init; } = 0.99;

    /// <summary>ε per episode.</summary>
    public EpsilonSchedule Epsilon { get; init; } = new();

    /// <summary>Transitions the replay buffer keeps.</summary>
    public int ReplaySize { get; init; } = 10_000;

    /// <summary>Transitions per update.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Steps taken (acting ε-greedily) before the first update.</summary>
    public int LearningStarts { get; init; } = 1000;

    /// <summary>An update every this many steps.</summary>
    public int TrainEvery { get; init; } = 1;

    /// <summary>Steps between copies of the Q-network into the target network.</summary>
    public int TargetUpdate { get; init; } = 500;

    /// <summary>Soft target updates instead: after every update θ_target ← τ θ + (1 − τ) θ_target (Polyak averaging,
    /// as in DDPG and PyTorch's DQN tutorial); null: hard copies every <see cref="TargetUpdate"/> steps.</summary>
    public double? TargetTau { get; init; }

    /// <summary>Double DQN (van Hasselt et al. 2016): the online network picks a', the target network values it.</summary>
    public bool DoubleDqn { get; init; }

    /// <summary>Loss.</summary>
    public DqnLoss Loss { get; init; } = DqnLoss.Huber;

    /// <summary>Largest gradient norm of an update (0: no clipping).</summary>
    public double GradientClip { get; init; } = 10;

    /// <summary>Where to compute.</summary>
    public DeviceRequest Device { get; init; } = DeviceRequest.Auto;

    /// <inheritdoc />
    public override bool UsesTorch => true;

    /// <inheritdoc />
    public override IAgent Create(AgentContext context)
    {
        Optimizer.Validate();
        Epsilon.Validate();
        if (Discount is < 0 or > 1 || double.IsNaN(Discount)) throw new ArgumentException($"discount must be in [0, 1]; received {Discount}");
        if (ReplaySize < 1 || BatchSize < 1 || TrainEvery < 1 || TargetUpdate < 1 || LearningStarts < 0)
            throw new ArgumentException("replay_size, batch_size, train_every and target_update must be ≥ 1, learning_starts ≥ 0");
        if (BatchSize > ReplaySize) throw new ArgumentException($"batch_size {BatchSize} exceeds replay_size {ReplaySize}");
        if (!(GradientClip >= 0)) throw new ArgumentException($"gradient_clip must be ≥ 0; received {GradientClip}");
        if (TargetTau is { } tau && (!(tau > 0) || tau > 1)) throw new ArgumentException($"target_tau must be in (0, 1]; received {tau}");
        return new Dqn(this, context);
    }
}

/// <summary>The DQN agent.</summary>
public sealed class Dqn : IAgent
{
    private readonly DqnOptions options;
    private readonly AgentContext context;
    private readonly NeuralNetwork online;
    private readonly NeuralNetwork target;
    private readonly GradientDescent optimizer;
    private readonly ReplayBuffer replay;
    private readonly torch.Device device;
    private double epsilon;
    private int episode;
    private long steps, updates;
    private double lossSum;
    private int lossCount;

    internal Dqn(DqnOptions options, AgentContext context)
    {
        this.options = options;
        this.context = context;
        var choice = TorchRuntime.Choose(options.Device);
        Device = choice;
        device = choice.Device;
        var architecture = options.Network.For(context.ObservationSize, context.ActionCount);
        // Built on the CPU from the seeded generator, so a seed gives the same start on every device.
        online = architecture.Build();
        target = architecture.Build();
        CopyWeights(online, target);
        if (choice.Name != "cpu")
        {
            online.to(device);
            target.to(device);
        }
        target.eval();
        optimizer = Optimizers.Create(online.parameters(), options.Optimizer);
        replay = new ReplayBuffer(options.ReplaySize, context.ObservationSize);
    }

    /// <inheritdoc />
    public double? Epsilon => epsilon;

    /// <inheritdoc />
    public double? EpisodeLoss => lossCount > 0 ? lossSum / lossCount : null;

    /// <inheritdoc />
    public long Updates => updates;

    /// <inheritdoc />
    public DeviceChoice? Device { get; }

    /// <inheritdoc />
    public void BeginEpisode(int episode)
    {
        this.episode = episode;
        epsilon = options.Epsilon.At(episode, context.Episodes, steps);
        (lossSum, lossCount) = (0, 0);
    }

    /// <inheritdoc />
    public int Act(Observation observation)
    {
        // A schedule by steps moves within the episode; the history keeps ε at the episode's start.
        double now = options.Epsilon.DecaySteps is null ? epsilon : options.Epsilon.At(episode, context.Episodes, steps);
        bool explore = context.Random.NextDouble() < now;
        if (explore) return context.Random.Next(context.ActionCount);
        return IPolicy.ArgMax(QValues(observation));
    }

    private double[] QValues(Observation observation)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var input = tensor(observation.Vector, [1, observation.Vector.Length]).to(device);
        return online.forward(input).cpu().data<float>().ToArray().Select(v => (double)v).ToArray();
    }

    /// <inheritdoc />
    public void Learn(in Transition t)
    {
        replay.Add(t.State.Vector, t.Action, t.Reward, t.Next.Vector, t.Terminated);
        steps++;
        if (steps >= options.LearningStarts && replay.Count >= options.BatchSize && steps % options.TrainEvery == 0) Update();
        if (options.TargetTau is null && steps % options.TargetUpdate == 0) CopyWeights(online, target);
    }

    private void Update()
    {
        int n = options.BatchSize, width = context.ObservationSize;
        var batch = replay.Sample(n, context.Random);
        using var scope = NewDisposeScope();
        var states = tensor(batch.States, [n, width]).to(device);
        var actions = tensor(batch.Actions, [n, 1]).to(device);
        var rewards = tensor(batch.Rewards).to(device);
        var nexts = tensor(batch.Nexts, [n, width]).to(device);
        var terminal = tensor(batch.Terminal).to(device);
        Tensor goal;
        using (no_grad())
        {
            Tensor nextValue;
            if (options.DoubleDqn)
            {
                var best = online.forward(nexts).argmax(1, keepdim: true);
                nextValue = target.forward(nexts).gather(1, best).squeeze(1);
            }
            else nextValue = target.forward(nexts).max(1).values;
            goal = rewards + options.Discount * (1 - terminal) * nextValue;
        }
        online.train();
        optimizer.zero_grad();
        var predicted = online.forward(states).gather(1, actions).squeeze(1);
        var loss = options.Loss == DqnLoss.Huber ? nn.functional.smooth_l1_loss(predicted, goal) : nn.functional.mse_loss(predicted, goal);
        double value = loss.item<float>();
        if (!double.IsFinite(value))
            throw new TrainingDivergedException(new Divergence(episode + 1, options.Optimizer.LearningRate, value, double.NaN, "episode"),
                new TrainingHistory([], [], [], 0, false, null));
        loss.backward();
        if (options.GradientClip > 0) nn.utils.clip_grad_norm_(online.parameters(), options.GradientClip);
        optimizer.step();
        online.eval();
        if (options.TargetTau is { } tau) Blend(online, target, tau);
        updates++;
        lossSum += value;
        lossCount++;
    }

    private static void Blend(NeuralNetwork from, NeuralNetwork to, double tau)
    {
        using var _ = no_grad();
        foreach (var (source, destination) in from.parameters().Zip(to.parameters())) destination.mul_(1 - tau).add_(source, alpha: tau);
    }

    private static void CopyWeights(NeuralNetwork from, NeuralNetwork to)
    {
        using var _ = no_grad();
        foreach (var (source, destination) in from.parameters().Zip(to.parameters())) destination.copy_(source);
    }

    /// <inheritdoc />
    public void EndEpisode() { }

    /// <inheritdoc />
    public IPolicy ToPolicy() => NetworkPolicy.CopyOf(online, ActionScores.QValues);

    /// <inheritdoc />
    public void Dispose()
    {
        optimizer.Dispose();
        online.Dispose();
        target.Dispose();
    }
}
