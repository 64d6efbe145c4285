using System.Diagnostics;
using DeepLearning.Trainers.Devices;
using DeepLearning.Trainers.Reinforcement.Agents;
using DeepLearning.Trainers.Reinforcement.Environments;
using DeepLearning.Trainers.Reinforcement.Policies;
using DeepLearning.Trainers.Training;
using TorchSharp;

namespace DeepLearning.Trainers.Reinforcement;

/// <summary>A trained agent's policy and how training went.</summary>
/// <param name="Policy">The greedy policy learned (the caller owns it).</param>
/// <param name="History">Per-episode returns, lengths, ε.</param>
/// <param name="Device">Where a network agent computed; null for a tabular one.</param>
public sealed record AgentTrainingResult(IPolicy Policy, EpisodeHistory History, DeviceChoice? Device);

/// <summary>The episode loop every agent trains in: reset, act, step, learn, until the episode ends; per-episode
/// history and progress; seeded so that the same seed gives the same return curve on the CPU.</summary>
public static class AgentTrainer
{
    /// <summary>Episodes over which <see cref="EpisodeProgress.MeanReturn"/> averages.</summary>
    public const int ProgressWindow = 100;

    /// <summary>Makes the agent <paramref name="agent"/> describes and trains it in <paramref name="environment"/>.
    /// A network agent is built (from libtorch's generator seeded with <see cref="AgentTrainingOptions.Seed"/>) and
    /// trained holding the process-wide libtorch lock, as the other neural trainers are.</summary>
    public static AgentTrainingResult Train(IEnvironment environment, AgentOptions agent, AgentTrainingOptions options, IProgress<EpisodeProgress>? progress = null)
    {
        options.Validate();
        var context = new AgentContext(environment.ObservationSize, environment.ActionCount, environment.StateCount, options.Episodes, new Random(Seeds.Agent(options.Seed)));
        if (!agent.UsesTorch)
        {
            using var tabular = agent.Create(context);
            return Run(environment, tabular, options, progress);
        }
        TorchRuntime.EnsureLoaded();
        lock (TorchGate.Lock)
        {
            // libtorch's thread pool is process-wide: resize it only when the setting changes (see NetworkTrainer).
            if (torch.get_num_threads() != options.Threads) torch.set_num_threads(options.Threads);
            torch.manual_seed(options.Seed);
            using var network = agent.Create(context);
            return Run(environment, network, options, progress);
        }
    }

    /// <summary>Trains an agent made elsewhere (one of your own); its randomness is its own business.</summary>
    public static AgentTrainingResult Train(IEnvironment environment, IAgent agent, AgentTrainingOptions options, IProgress<EpisodeProgress>? progress = null)
    {
        options.Validate();
        return Run(environment, agent, options, progress);
    }

    private static AgentTrainingResult Run(IEnvironment environment, IAgent agent, AgentTrainingOptions options, IProgress<EpisodeProgress>? progress)
    {
        var random = new Random(Seeds.Environment(options.Seed));
        var regretful = environment as IRegretEnvironment;
        var returns = new List<double>();
        var lengths = new List<int>();
        var epsilons = new List<double>();
        var regrets = regretful is not null ? new List<double>() : null;
        int? solved = null;
        long steps = 0;
        double windowSum = 0;
        var best = options.KeepBest is { } keep ? new BestPolicy(environment, keep, options.Seed) : null;
        var clock = Stopwatch.StartNew();
        for (int episode = 0; episode < options.Episodes; episode++)
        {
            agent.BeginEpisode(episode);
            var observation = environment.Reset(random);
            double total = 0, regret = 0;
            int length = 0;
            while (true)
            {
                int action = agent.Act(observation);
                if (action < 0 || action >= environment.ActionCount)
                    throw new InvalidOperationException($"the agent chose action {action}; the environment has {environment.ActionCount}");
                if (regretful is not null) regret += regretful.Regret(action);
                var step = environment.Step(action);
                agent.Learn(new Transition(observation, action, step.Reward, step.Next, step.Terminated, step.Truncated));
                total += step.Reward;
                length++;
                if (step.Done) break;
                observation = step.Next;
            }
            agent.EndEpisode();
            steps += length;
            returns.Add(total);
            lengths.Add(length);
            if (agent.Epsilon is { } e) epsilons.Add(e);
            regrets?.Add(regret);
            windowSum += total;
            if (returns.Count > ProgressWindow) windowSum -= returns[^(ProgressWindow + 1)];
            progress?.Report(new EpisodeProgress(episode + 1, options.Episodes, total, length, agent.Epsilon, windowSum / Math.Min(returns.Count, ProgressWindow), agent.EpisodeLoss));
            if (options.StopAt is { } stop && returns.Count >= stop.Window && returns.TakeLast(stop.Window).Average() >= stop.MeanReturn)
                solved = episode + 1;
            if (best is not null && ((episode + 1) % best.Every == 0 || solved is not null || episode + 1 == options.Episodes))
                best.Check(agent, episode + 1);
            if (solved is not null) break;
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var history = new EpisodeHistory(returns, lengths, epsilons.Count == returns.Count ? epsilons : null, regrets, solved, steps, agent.Updates, seconds,
            best?.Episode, best?.Score);
        return new AgentTrainingResult(best?.Take() ?? agent.ToPolicy(), history, agent.Device);
    }

    /// <summary>The best policy of the checks so far (see <see cref="BestPolicyCheck"/>).</summary>
    private sealed class BestPolicy(IEnvironment environment, BestPolicyCheck check, int seed)
    {
        private IPolicy? policy;

        public int Every => check.Every;

        public int? Episode { get; private set; }

        public double? Score { get; private set; }

        public void Check(IAgent agent, int episode)
        {
            var candidate = agent.ToPolicy();
            // The same episodes for every check, so policies are compared on equal terms.
            double score = PolicyEvaluator.Run(candidate, environment, check.Episodes, new Random(Seeds.Selection(seed))).MeanReturn;
            if (Score is null || score >= Score)
            {
                policy?.Dispose();
                (policy, Episode, Score) = (candidate, episode, score);
            }
            else candidate.Dispose();
        }

        public IPolicy? Take()
        {
            var taken = policy;
            policy = null;
            return taken;
        }
    }
}

/// <summary>Evaluates a policy: episodes acting greedily, no learning, no exploration.</summary>
public static class PolicyEvaluator
{
    /// <summary>Runs <paramref name="episodes"/> episodes of <paramref name="policy"/> in <paramref name="environment"/>,
    /// the environment's randomness seeded from <paramref name="seed"/>.</summary>
    public static PolicyEvaluation Evaluate(IPolicy policy, IEnvironment environment, int episodes, int seed)
    {
        if (episodes < 1) throw new ArgumentException($"evaluation needs at least 1 episode; received {episodes}");
        if (policy.ActionCount != environment.ActionCount)
            throw new ArgumentException($"the policy chooses among {policy.ActionCount} actions; the environment has {environment.ActionCount}");
        var evaluation = Run(policy, environment, episodes, new Random(Seeds.Evaluation(seed)));
        return evaluation with { Seed = seed };
    }

    internal static PolicyEvaluation Run(IPolicy policy, IEnvironment environment, int episodes, Random random)
    {
        var returns = new double[episodes];
        var lengths = new int[episodes];
        for (int episode = 0; episode < episodes; episode++)
        {
            var observation = environment.Reset(random);
            while (true)
            {
                var step = environment.Step(policy.Act(observation));
                returns[episode] += step.Reward;
                lengths[episode]++;
                if (step.Done) break;
                observation = step.Next;
            }
        }
        return new PolicyEvaluation(episodes, 0, returns, lengths);
    }
}

/// <summary>The result of <see cref="PolicyEvaluator.Evaluate"/>.</summary>
/// <param name="Episodes">Episodes run.</param>
/// <param name="Seed">The seed they ran with.</param>
/// <param name="Returns">Each episode's return.</param>
/// <param name="Lengths">Each episode's steps.</param>
public sealed record PolicyEvaluation(int Episodes, int Seed, IReadOnlyList<double> Returns, IReadOnlyList<int> Lengths)
{
    /// <summary>Mean return.</summary>
    public double MeanReturn => Returns.Average();

    /// <summary>Standard deviation of the returns (population: over the episodes run).</summary>
    public double StdReturn => Math.Sqrt(Returns.Select(r => (r - MeanReturn) * (r - MeanReturn)).Average());

    /// <summary>Lowest return.</summary>
    public double MinReturn => Returns.Min();

    /// <summary>Highest return.</summary>
    public double MaxReturn => Returns.Max();

    /// <summary>Mean steps per episode.</summary>
    public double MeanLength => Lengths.Average();
}

/// <summary>The generators one seed gives: the environment's in training, the agent's, and evaluation's.</summary>
internal static class Seeds
{
    public static int Environment(int seed) => Mix(seed, 1);

    public static int Agent(int seed) => Mix(seed, 2);

    public static int Evaluation(int seed) => Mix(seed, 3);

    public static int Selection(int seed) => Mix(seed, 4);

    // A fixed arithmetic mix (HashCode is randomised per process, so it would break reproducibility).
    private static int Mix(int seed, int stream) => unchecked((int)((uint)seed * 2654435761u) ^ (stream * 40503));
}
