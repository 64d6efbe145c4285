using DeepLearning.Trainers.Reinforcement.Environments;
using DeepLearning.Trainers.Reinforcement.Policies;
using VS = Microsoft.VisualStudio.TestTools.UnitTesting;

namespace DeepLearning.Trainers.Tests.Reinforcement;

/// <summary>Checks a grid policy against a breadth-first search (shared with Pipelines.Tests, which links this file).</summary>
internal static class ShortestPaths
{
    /// <summary>From every free cell the goal can be reached from, the greedy policy reaches a goal in exactly as many
    /// moves as a breadth-first search over the free cells (pits end the episode, so no path crosses one).</summary>
    public static void Assert(GridWorld grid, IPolicy policy)
    {
        int checkedStates = 0;
        for (int r = 0; r < grid.Rows; r++)
            for (int c = 0; c < grid.Columns; c++)
            {
                if (grid[r, c] != GridCell.Free || ShortestPath(grid, r, c) is not { } shortest) continue;
                VS.Assert.AreEqual(shortest, GreedyPath(grid, policy, r, c), $"from ({r}, {c}): the greedy path is not a shortest one");
                checkedStates++;
            }
        VS.Assert.IsGreaterThan(10, checkedStates);
    }

    /// <summary>Moves to the nearest goal through free cells (the grid's own move rule, walls block), or null.</summary>
    private static int? ShortestPath(GridWorld grid, int row, int column)
    {
        var distance = new Dictionary<(int, int), int> { [(row, column)] = 0 };
        var queue = new Queue<(int Row, int Column)>([(row, column)]);
        (int, int)[] moves = [(-1, 0), (1, 0), (0, -1), (0, 1)];
        while (queue.TryDequeue(out var p))
        {
            if (grid[p.Row, p.Column] == GridCell.Goal) return distance[p];
            if (grid[p.Row, p.Column] == GridCell.Pit) continue;
            foreach (var (dr, dc) in moves)
            {
                var next = (Row: p.Row + dr, Column: p.Column + dc);
                if (next.Row < 0 || next.Row >= grid.Rows || next.Column < 0 || next.Column >= grid.Columns) continue;
                if (grid[next.Row, next.Column] is GridCell.Wall or GridCell.Pit || distance.ContainsKey(next)) continue;
                distance[next] = distance[p] + 1;
                queue.Enqueue(next);
            }
        }
        return null;
    }

    /// <summary>Moves the greedy policy takes from (row, column) to a goal; fails on a pit or a loop.</summary>
    private static int GreedyPath(GridWorld grid, IPolicy policy, int row, int column)
    {
        var observation = grid.ResetAt(row, column);
        for (int steps = 1; steps <= grid.Rows * grid.Columns; steps++)
        {
            var step = grid.Step(policy.Act(observation));
            if (step.Terminated)
            {
                VS.Assert.AreEqual(GridCell.Goal, grid[grid.Position.Row, grid.Position.Column], $"from ({row}, {column}) the greedy policy walks into a pit");
                return steps;
            }
            observation = step.Next;
        }
        VS.Assert.Fail($"from ({row}, {column}) the greedy policy never reaches the goal");
        return -1;
    }
}
