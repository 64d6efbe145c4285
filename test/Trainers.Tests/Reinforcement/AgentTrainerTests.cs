using DeepLearning.Trainers.Devices;
using DeepLearning.Trainers.Reinforcement;
using DeepLearning.Trainers.Reinforcement.Agents;
using DeepLearning.Trainers.Reinforcement.Environments;
using DeepLearning.Trainers.Reinforcement.Policies;

namespace DeepLearning.Trainers.Tests.Reinforcement;

/// <summary>The episode loop: seeded runs repeat exactly on the CPU, the history and the stop criterion, a custom
/// environment, and the agents' refusals.</summary>
[TestClass]
public sealed class AgentTrainerTests
{
    private static readonly DqnOptions SmallDqn = new() { Network = new([32]), LearningStarts = 100, BatchSize = 16, TargetUpdate = 50, Device = DeviceRequest.Cpu };
    private static readonly ReinforceOptions SmallReinforce = new() { Network = new([32]), Device = DeviceRequest.Cpu };

    private static AgentOptions Agent(string name) => name switch
    {
        "q_learning" => new QLearningOptions(),
        "dqn" => SmallDqn,
        _ => SmallReinforce,
    };

    private static IEnvironment EnvironmentFor(AgentOptions agent) => agent is QLearningOptions
        ? new GridWorld(GridWorld.DefaultMap, randomStart: true)
        : new CartPole();

    [TestMethod]
    [DataRow("q_learning")]
    [DataRow("dqn")]
    [DataRow("reinforce")]
    public void Same_seed_gives_the_same_return_curve_on_the_cpu(string name)
    {
        var agent = Agent(name);
        var options = new AgentTrainingOptions { Episodes = 30, Seed = 5 };

        var first = AgentTrainer.Train(EnvironmentFor(agent), agent, options);
        var second = AgentTrainer.Train(EnvironmentFor(agent), agent, options);
        var other = AgentTrainer.Train(EnvironmentFor(agent), agent, options with { Seed = 6 });
        using var a = first.Policy;
        using var b = second.Policy;
        using var c = other.Policy;

        CollectionAssert.AreEqual(first.History.Returns.ToArray(), second.History.Returns.ToArray(), name);
        CollectionAssert.AreEqual(first.History.Lengths.ToArray(), second.History.Lengths.ToArray(), name);
        CollectionAssert.AreNotEqual(first.History.Returns.ToArray(), other.History.Returns.ToArray(), $"{name}: another seed, another run");
        // The learned policies agree too, on a state neither was started in.
        var probe = EnvironmentFor(agent) is GridWorld g ? g.Observe([2, 4]) : new CartPole().Observe([0.1, -0.2, 0.03, 0.1]);
        CollectionAssert.AreEqual(first.Policy.Scores(probe), second.Policy.Scores(probe), name);
    }

    [TestMethod]
    public void The_history_records_every_episode_with_its_epsilon()
    {
        var result = AgentTrainer.Train(new GridWorld(GridWorld.DefaultMap), new QLearningOptions { Epsilon = new(1, 0.1, 10) }, new AgentTrainingOptions { Episodes = 20, Seed = 1 });
        using var policy = result.Policy;
        var h = result.History;

        Assert.AreEqual(20, h.Episodes);
        Assert.HasCount(20, h.Lengths);
        Assert.AreEqual(h.Lengths.Sum(), h.Steps);
        Assert.AreEqual(h.Steps, h.Updates, "Q-learning updates once per step");
        Assert.AreEqual(1.0, h.Epsilons![0], 1e-12);
        Assert.AreEqual(0.55, h.Epsilons[5], 1e-12);
        Assert.AreEqual(0.1, h.Epsilons[15], 1e-12);
        Assert.IsNull(h.Regrets, "only a bandit knows its regret");
        Assert.IsNull(h.SolvedAtEpisode);
    }

    [TestMethod]
    public void Progress_is_reported_after_every_episode()
    {
        var seen = new List<EpisodeProgress>();
        var result = AgentTrainer.Train(new CartPole(), SmallReinforce, new AgentTrainingOptions { Episodes = 5, Seed = 1 }, new Collect(seen));
        using var policy = result.Policy;

        CollectionAssert.AreEqual(new[] { 1, 2, 3, 4, 5 }, seen.Select(p => p.Episode).ToArray());
        Assert.IsTrue(seen.All(p => p.Episodes == 5 && p.Epsilon is null && p.Loss is not null));
        CollectionAssert.AreEqual(result.History.Returns.ToArray(), seen.Select(p => p.Return).ToArray());
        Assert.AreEqual(result.History.Returns.Average(), seen[^1].MeanReturn, 1e-9);
    }

    [TestMethod]
    public void Training_stops_once_the_mean_return_of_the_window_reaches_the_target()
    {
        var bandit = new MultiArmedBandit([1.0, 0.0], rewardStd: 0);
        var result = AgentTrainer.Train(bandit, new QLearningOptions { LearningRate = null, Exploration = Exploration.Ucb },
            new AgentTrainingOptions { Episodes = 1000, Seed = 1, StopAt = new StopCriterion(1.0, 10) });
        using var policy = result.Policy;

        Assert.IsNotNull(result.History.SolvedAtEpisode);
        Assert.AreEqual(result.History.SolvedAtEpisode, result.History.Episodes);
        Assert.IsLessThan(100, result.History.Episodes);
        Assert.IsTrue(result.History.Returns.TakeLast(10).All(r => r == 1.0));
    }

    [TestMethod]
    public void Keeping_the_best_policy_checks_it_without_changing_the_training_run()
    {
        var options = new AgentTrainingOptions { Episodes = 25, Seed = 4 };
        var plain = AgentTrainer.Train(new CartPole(), SmallDqn, options);
        var kept = AgentTrainer.Train(new CartPole(), SmallDqn, options with { KeepBest = new BestPolicyCheck(Every: 10, Episodes: 3) });
        using var a = plain.Policy;
        using var b = kept.Policy;

        // The checks play their own episodes with their own generator: training sees exactly the same run.
        CollectionAssert.AreEqual(plain.History.Returns.ToArray(), kept.History.Returns.ToArray());
        Assert.IsNull(plain.History.PolicyEpisode);
        Assert.Contains(kept.History.PolicyEpisode!.Value, new[] { 10, 20, 25 }, "checked every 10 episodes and at the end");
        Assert.IsNotNull(kept.History.PolicyCheckReturn);
    }

    [TestMethod]
    public void A_tabular_agent_refuses_a_continuous_state()
    {
        var e = Assert.ThrowsExactly<ArgumentException>(() => AgentTrainer.Train(new CartPole(), new QLearningOptions(), new AgentTrainingOptions { Episodes = 1 }));

        Assert.Contains("continuous", e.Message);
    }

    [TestMethod]
    public void Dqn_learns_a_small_grid_from_one_hot_observations()
    {
        // A corridor with a pit on one side: the network must learn to go right, not down.
        var grid = new GridWorld(["S...G", "PPPPP"]);
        var agent = SmallDqn with { Epsilon = new(1, 0.05, 100), LearningStarts = 50, TargetUpdate = 20 };

        var result = AgentTrainer.Train(grid, agent, new AgentTrainingOptions { Episodes = 200, Seed = 2 });
        using var policy = result.Policy;

        Assert.AreEqual(ActionScores.QValues, policy.ScoreKind);
        var evaluation = PolicyEvaluator.Evaluate(policy, grid, 5, 1);
        Assert.AreEqual(4, evaluation.MeanLength, "four moves right");
        Assert.AreEqual(1 - 3 * 0.01, evaluation.MeanReturn, 1e-9);
    }

    [TestMethod]
    public void A_custom_environment_trains_with_the_built_in_agents()
    {
        // The user's own IEnvironment: a 1-D walk where only the far right pays.
        var result = AgentTrainer.Train(new Corridor(6), new QLearningOptions { LearningRate = 0.5 }, new AgentTrainingOptions { Episodes = 300, Seed = 1 });
        using var policy = result.Policy;

        for (int cell = 0; cell < 5; cell++)
            Assert.AreEqual(1, policy.Act(new Observation([cell], cell)), $"cell {cell}: go right");
        Assert.AreEqual(5, PolicyEvaluator.Evaluate(policy, new Corridor(6), 3, 1).MeanLength);
    }

    [TestMethod]
    public void Evaluation_is_greedy_and_repeats_with_its_seed()
    {
        var result = AgentTrainer.Train(new CartPole(), SmallReinforce, new AgentTrainingOptions { Episodes = 10, Seed = 1 });
        using var policy = result.Policy;

        var first = PolicyEvaluator.Evaluate(policy, new CartPole(), 5, 9);
        var again = PolicyEvaluator.Evaluate(policy, new CartPole(), 5, 9);

        CollectionAssert.AreEqual(first.Returns.ToArray(), again.Returns.ToArray());
        Assert.AreEqual(first.Returns.Average(), first.MeanReturn, 1e-12);
        Assert.AreEqual(5, first.Episodes);
    }

    private sealed class Collect(List<EpisodeProgress> seen) : IProgress<EpisodeProgress>
    {
        public void Report(EpisodeProgress value) => seen.Add(value);
    }

    /// <summary>Cells 0 … n−1, start at 0; left/right; reaching n−1 pays 1 and ends the episode.</summary>
    private sealed class Corridor(int length) : IEnvironment
    {
        private int position;

        public int ActionCount => 2;
        public IReadOnlyList<string> ActionNames { get; } = ["left", "right"];
        public int ObservationSize => 1;
        public int? StateCount => length;
        public IReadOnlyList<string> StateVariables { get; } = ["cell"];
        public int MaxSteps => 50;
        private int steps;

        public Observation Reset(Random random) => Observe([position = steps = 0]);

        public StepResult Step(int action)
        {
            position = Math.Clamp(position + (action == 1 ? 1 : -1), 0, length - 1);
            steps++;
            bool goal = position == length - 1;
            return new StepResult(Observe([position]), goal ? 1 : 0, goal, !goal && steps >= MaxSteps);
        }

        public Observation Observe(IReadOnlyList<double> state) => new([(float)state[0]], (int)state[0]);
    }
}
