using DeepLearning.Trainers.Reinforcement;
using DeepLearning.Trainers.Reinforcement.Agents;
using DeepLearning.Trainers.Reinforcement.Environments;

namespace DeepLearning.Trainers.Tests.Reinforcement;

/// <summary>The multi-armed bandit, and the regret of UCB exploration against the ε-greedy baseline.</summary>
[TestClass]
public sealed class BanditTests
{
    [TestMethod]
    public void Each_pull_pays_the_arm_mean_plus_noise_and_ends_the_episode()
    {
        var bandit = new MultiArmedBandit([0.0, 1.0, -1.0], rewardStd: 0);
        bandit.Reset(new Random(1));

        var step = bandit.Step(1);

        Assert.AreEqual(1.0, step.Reward);
        Assert.IsTrue(step.Terminated);
        Assert.AreEqual(0.0, bandit.Regret(1));
        Assert.AreEqual(2.0, bandit.Regret(2));
        Assert.AreEqual(1, bandit.StateCount);
        Assert.IsEmpty(bandit.StateVariables);
    }

    [TestMethod]
    public void Drawn_means_depend_on_their_own_seed_only()
    {
        CollectionAssert.AreEqual(MultiArmedBandit.Random(10, 5).Means.ToArray(), MultiArmedBandit.Random(10, 5).Means.ToArray());
        CollectionAssert.AreNotEqual(MultiArmedBandit.Random(10, 5).Means.ToArray(), MultiArmedBandit.Random(10, 6).Means.ToArray());
    }

    [TestMethod]
    public void Rewards_scatter_around_the_mean_with_the_declared_deviation()
    {
        var bandit = new MultiArmedBandit([2.0, 0.0], rewardStd: 1.5);
        var random = new Random(11);
        var rewards = Enumerable.Range(0, 20000).Select(_ => { bandit.Reset(random); return bandit.Step(0).Reward; }).ToArray();

        double mean = rewards.Average();
        Assert.AreEqual(2.0, mean, 0.05);
        Assert.AreEqual(1.5, Math.Sqrt(rewards.Select(r => (r - mean) * (r - mean)).Average()), 0.05);
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(3)]
    public void Ucb_regret_curve_stays_below_epsilon_greedy_on_the_same_bandit(int seed)
    {
        // Sutton & Barto's testbed: 10 arms, means from N(0, 1), rewards N(μ, 1). Both agents keep sample averages
        // (α = 1/n), pull 2000 times with the same seed; the baseline explores with a constant ε = 0.1.
        var bandit = MultiArmedBandit.Random(10, meansSeed: seed);
        var training = new AgentTrainingOptions { Episodes = 2000, Seed = seed };
        var ucb = AgentTrainer.Train(bandit, new QLearningOptions { LearningRate = null, Exploration = Exploration.Ucb, UcbC = 1 }, training);
        var greedy = AgentTrainer.Train(bandit, new QLearningOptions { LearningRate = null, Epsilon = new(0.1, 0.1, 0) }, training);

        var ours = Cumulative(ucb.History.Regrets!);
        var baseline = Cumulative(greedy.History.Regrets!);
        Assert.HasCount(2000, ours);
        Assert.HasCount(2000, baseline);
        // UCB first pulls every arm and then explores the uncertain ones, which costs early on (a lucky ε-greedy run
        // can lead for a few hundred pulls); from the first quarter of the pulls on, its cumulative regret is below at
        // every pull …
        for (int t = 500; t < 2000; t++)
            Assert.IsLessThan(baseline[t], ours[t], $"pull {t + 1}: UCB {ours[t]:F1} against ε-greedy {baseline[t]:F1}");
        // … and by the end it is a third or less: ε-greedy keeps paying for its random pulls (regret linear in the
        // pulls), UCB's exploration fades (regret logarithmic in the pulls).
        Assert.IsLessThan(baseline[^1] / 3, ours[^1]);
    }

    private static double[] Cumulative(IReadOnlyList<double> values)
    {
        double sum = 0;
        return values.Select(v => sum += v).ToArray();
    }
}
