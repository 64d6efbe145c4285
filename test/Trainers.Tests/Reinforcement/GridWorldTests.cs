using DeepLearning.Trainers.Reinforcement;
using DeepLearning.Trainers.Reinforcement.Agents;
using DeepLearning.Trainers.Reinforcement.Environments;
using DeepLearning.Trainers.Reinforcement.Policies;

namespace DeepLearning.Trainers.Tests.Reinforcement;

/// <summary>The grid world's rules, and Q-learning's greedy policy against a breadth-first search.</summary>
[TestClass]
public sealed class GridWorldTests
{
    /// <summary>6×7, walls and pits; every free cell can reach G (shortest paths of 1 to 14 moves).</summary>
    private static readonly string[] Map =
    [
        "S.....#",
        ".##.#..",
        ".#P.#.#",
        ".#..P..",
        "...#..G",
        "P.#....",
    ];

    [TestMethod]
    public void Moves_into_walls_and_off_the_grid_stay_put_and_cost_a_step()
    {
        var grid = new GridWorld(Map);
        grid.ResetAt(0, 0);

        var up = grid.Step(0);
        Assert.AreEqual((0, 0), grid.Position);
        Assert.AreEqual(-0.01, up.Reward);
        grid.ResetAt(1, 0);
        grid.Step(3);
        Assert.AreEqual((1, 0), grid.Position, "(1, 1) is a wall");
        grid.Step(1);
        Assert.AreEqual((2, 0), grid.Position);
    }

    [TestMethod]
    public void Entering_a_pit_or_the_goal_ends_the_episode_with_its_reward()
    {
        var grid = new GridWorld(Map);
        grid.ResetAt(2, 3);
        var pit = grid.Step(2);
        Assert.IsTrue(pit.Terminated);
        Assert.AreEqual(-1.0, pit.Reward);

        grid.ResetAt(3, 6);
        var goal = grid.Step(1);
        Assert.IsTrue(goal.Terminated);
        Assert.AreEqual(1.0, goal.Reward);
        Assert.AreEqual(4 * 7 + 6, goal.Next.State);
    }

    [TestMethod]
    public void An_episode_is_cut_at_max_steps_without_terminating()
    {
        var grid = new GridWorld(Map, maxSteps: 2);
        grid.ResetAt(0, 0);
        grid.Step(0);
        var last = grid.Step(0);

        Assert.IsTrue(last.Truncated);
        Assert.IsFalse(last.Terminated);
    }

    [TestMethod]
    public void Observations_are_one_hot_cells_and_the_state_index_is_row_major()
    {
        var grid = new GridWorld(Map);
        var o = grid.Observe([2, 3]);

        Assert.AreEqual(2 * 7 + 3, o.State);
        Assert.AreEqual(42, o.Vector.Length);
        Assert.AreEqual(1f, o.Vector[o.State]);
        Assert.AreEqual(1f, o.Vector.Sum());
        Assert.Contains("wall", Assert.ThrowsExactly<ArgumentException>(() => grid.Observe([1, 1])).Message);
        Assert.Contains("pit", Assert.ThrowsExactly<ArgumentException>(() => grid.Observe([2, 2])).Message);
        Assert.Contains("off the 6×7 grid", Assert.ThrowsExactly<ArgumentException>(() => grid.Observe([6, 0])).Message);
        Assert.Contains("whole row", Assert.ThrowsExactly<ArgumentException>(() => grid.Observe([0.5, 0])).Message);
    }

    [TestMethod]
    [DataRow(new[] { "S.#", "..G", ".." }, "map row 3 has 2 cells, row 1 has 3")]
    [DataRow(new[] { "S.X", "..G" }, "map row 1, column 3: 'X' is not a cell")]
    [DataRow(new[] { "...", "..G" }, "no start S")]
    [DataRow(new[] { "S..", "..." }, "no goal G")]
    [DataRow(new[] { "S.S", "..G" }, "a second start")]
    [DataRow(new[] { "S#.", "#.G" }, "no goal can be reached from the start")]
    public void A_bad_map_names_its_mistake(string[] map, string message)
    {
        var e = Assert.ThrowsExactly<ArgumentException>(() => new GridWorld(map));

        Assert.Contains(message, e.Message);
    }

    [TestMethod]
    public void Q_learning_walks_a_shortest_path_from_every_reachable_state()
    {
        var grid = new GridWorld(Map, randomStart: true);
        // Exploring starts and ε falling over the first third: every state-action pair is tried often enough for
        // the values to settle (checked over seeds 1–20 with this budget; 0.1 s of training).
        var agent = new QLearningOptions { LearningRate = 0.5, Epsilon = new(1.0, 0.05, 1000) };

        var result = AgentTrainer.Train(grid, agent, new AgentTrainingOptions { Episodes = 3000, Seed = 3 });
        using var policy = result.Policy;

        ShortestPaths.Assert(grid, policy);
    }
}
