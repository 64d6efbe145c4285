namespace DeepLearning.Trainers.Reinforcement.Environments;

/// <summary>What a grid cell is.</summary>
public enum GridCell
{
    /// <summary>Free to walk on.</summary>
    Free,
    /// <summary>Blocks moves: the agent stays where it was.</summary>
    Wall,
    /// <summary>Reaching it ends the episode with the goal reward.</summary>
    Goal,
    /// <summary>Falling in ends the episode with the pit reward.</summary>
    Pit,
}

/// <summary>A grid world drawn as text, one string per row: <c>S</c> start, <c>G</c> goal, <c>#</c> wall, <c>P</c>
/// pit, <c>.</c> free. Four actions (up, down, left, right) move one cell; a move into a wall or off the grid leaves
/// the agent in place. Each move earns <see cref="StepReward"/>, except one that enters a goal
/// (<see cref="GoalReward"/>) or a pit (<see cref="PitReward"/>), which ends the episode. Moves are deterministic,
/// so with a step cost the best policy walks a shortest path around walls and pits to the nearest goal.</summary>
public sealed class GridWorld : IEnvironment
{
    /// <summary>A 5×6 map with walls and pits, used when a spec gives none.</summary>
    public static IReadOnlyList<string> DefaultMap { get; } =
    [
        "S..#..",
        ".#...P",
        ".#.#..",
        "...#P.",
        "P#...G",
    ];

    private static readonly (int Row, int Column)[] Moves = [(-1, 0), (1, 0), (0, -1), (0, 1)];

    private readonly GridCell[,] cells;
    private readonly (int Row, int Column)[] starts;
    private int row, column, steps;
    private bool done = true;

    /// <summary>Parses <paramref name="map"/>; throws <see cref="ArgumentException"/> naming the row and column of a
    /// mistake (unknown character, ragged rows, no start or goal).</summary>
    public GridWorld(IReadOnlyList<string> map, double stepReward = -0.01, double goalReward = 1, double pitReward = -1, int maxSteps = 100, bool randomStart = false)
    {
        if (map.Count == 0) throw new ArgumentException("the map has no rows");
        if (maxSteps < 1) throw new ArgumentException($"max_steps must be ≥ 1; received {maxSteps}");
        Rows = map.Count;
        Columns = map[0].Length;
        if (Columns == 0) throw new ArgumentException("map row 1 is empty");
        cells = new GridCell[Rows, Columns];
        (int, int)? start = null;
        for (int r = 0; r < Rows; r++)
        {
            if (map[r].Length != Columns)
                throw new ArgumentException($"map row {r + 1} has {map[r].Length} cells, row 1 has {Columns}; every row must be as long");
            for (int c = 0; c < Columns; c++)
            {
                cells[r, c] = map[r][c] switch
                {
                    '.' or 'S' => GridCell.Free,
                    '#' => GridCell.Wall,
                    'G' => GridCell.Goal,
                    'P' => GridCell.Pit,
                    var other => throw new ArgumentException($"map row {r + 1}, column {c + 1}: '{other}' is not a cell; use S (start), G (goal), # (wall), P (pit) or . (free)"),
                };
                if (map[r][c] == 'S')
                {
                    if (start is not null) throw new ArgumentException($"map row {r + 1}, column {c + 1}: a second start S; give exactly one");
                    start = (r, c);
                }
            }
        }
        if (start is null) throw new ArgumentException("the map has no start S");
        if (!Enumerable.Range(0, Rows).Any(r => Enumerable.Range(0, Columns).Any(c => cells[r, c] == GridCell.Goal)))
            throw new ArgumentException("the map has no goal G");
        Start = start.Value;
        Map = map.ToList();
        StepReward = stepReward;
        GoalReward = goalReward;
        PitReward = pitReward;
        MaxSteps = maxSteps;
        RandomStart = randomStart;
        starts = randomStart
            ? Enumerable.Range(0, Rows).SelectMany(r => Enumerable.Range(0, Columns).Where(c => cells[r, c] == GridCell.Free).Select(c => (r, c))).ToArray()
            : [Start];
        if (Reachable(Start).All(p => cells[p.Row, p.Column] != GridCell.Goal))
            throw new ArgumentException($"no goal can be reached from the start (row {Start.Row + 1}, column {Start.Column + 1}) without crossing walls or pits");
    }

    /// <summary>The map as given.</summary>
    public IReadOnlyList<string> Map { get; }

    /// <summary>Rows of the grid.</summary>
    public int Rows { get; }

    /// <summary>Columns of the grid.</summary>
    public int Columns { get; }

    /// <summary>The start cell (0-based row, column).</summary>
    public (int Row, int Column) Start { get; }

    /// <summary>Reward of an ordinary move.</summary>
    public double StepReward { get; }

    /// <summary>Reward of the move that reaches a goal.</summary>
    public double GoalReward { get; }

    /// <summary>Reward of the move into a pit.</summary>
    public double PitReward { get; }

    /// <summary>Episodes start at a uniformly drawn free cell rather than at S (exploring starts).</summary>
    public bool RandomStart { get; }

    /// <summary>The cell at (<paramref name="row"/>, <paramref name="column"/>), 0-based.</summary>
    public GridCell this[int row, int column] => cells[row, column];

    /// <summary>Where the agent is now.</summary>
    public (int Row, int Column) Position => (row, column);

    /// <inheritdoc />
    public int ActionCount => 4;

    /// <inheritdoc />
    public IReadOnlyList<string> ActionNames { get; } = ["up", "down", "left", "right"];

    /// <inheritdoc />
    public int ObservationSize => Rows * Columns;

    /// <inheritdoc />
    public int? StateCount => Rows * Columns;

    /// <inheritdoc />
    public IReadOnlyList<string> StateVariables { get; } = ["row", "column"];

    /// <inheritdoc />
    public int MaxSteps { get; }

    /// <summary>The cell one action leads to from (<paramref name="r"/>, <paramref name="c"/>) (itself when blocked).</summary>
    public (int Row, int Column) Move(int r, int c, int action)
    {
        var (dr, dc) = Moves[action];
        int nr = r + dr, nc = c + dc;
        return nr < 0 || nr >= Rows || nc < 0 || nc >= Columns || cells[nr, nc] == GridCell.Wall ? (r, c) : (nr, nc);
    }

    /// <inheritdoc />
    public Observation Reset(Random random)
    {
        var (r, c) = starts.Length == 1 ? starts[0] : starts[random.Next(starts.Length)];
        return ResetAt(r, c);
    }

    /// <summary>Starts an episode at (<paramref name="r"/>, <paramref name="c"/>), 0-based, a free cell.</summary>
    public Observation ResetAt(int r, int c)
    {
        if (r < 0 || r >= Rows || c < 0 || c >= Columns || cells[r, c] != GridCell.Free)
            throw new ArgumentException($"({r}, {c}) is not a free cell of the grid");
        (row, column, steps, done) = (r, c, 0, false);
        return Encode(r, c);
    }

    /// <inheritdoc />
    public StepResult Step(int action)
    {
        if (done) throw new InvalidOperationException("the episode is over; call Reset");
        if (action < 0 || action >= 4) throw new ArgumentOutOfRangeException(nameof(action), action, "grid actions are 0 (up), 1 (down), 2 (left), 3 (right)");
        (row, column) = Move(row, column, action);
        steps++;
        var cell = cells[row, column];
        bool terminated = cell is GridCell.Goal or GridCell.Pit;
        double reward = cell switch { GridCell.Goal => GoalReward, GridCell.Pit => PitReward, _ => StepReward };
        bool truncated = !terminated && steps >= MaxSteps;
        done = terminated || truncated;
        return new StepResult(Encode(row, column), reward, terminated, truncated);
    }

    /// <inheritdoc />
    public Observation Observe(IReadOnlyList<double> state)
    {
        if (state.Count != 2) throw new ArgumentException($"a grid state is 2 numbers (row, column), 0-based; received {state.Count}");
        if (state.Any(v => v != Math.Floor(v) || double.IsInfinity(v)))
            throw new ArgumentException($"a grid state is a whole row and column; received {string.Join(", ", state)}");
        if (state[0] < 0 || state[0] >= Rows || state[1] < 0 || state[1] >= Columns)
            throw new ArgumentException($"({state[0]}, {state[1]}) is off the {Rows}×{Columns} grid; rows are 0–{Rows - 1}, columns 0–{Columns - 1}");
        int r = (int)state[0], c = (int)state[1];
        return cells[r, c] switch
        {
            GridCell.Wall => throw new ArgumentException($"({r}, {c}) is a wall; the agent is never there"),
            GridCell.Goal or GridCell.Pit => throw new ArgumentException($"({r}, {c}) is a {(cells[r, c] == GridCell.Goal ? "goal" : "pit")}: the episode ends there, so no action is chosen"),
            _ => Encode(r, c),
        };
    }

    /// <summary>The (row, column) of a state index.</summary>
    public (int Row, int Column) CellOf(int state) => (state / Columns, state % Columns);

    /// <summary>Cells reachable from <paramref name="from"/> by moves, entering goals and pits but never leaving them.</summary>
    public IReadOnlyList<(int Row, int Column)> Reachable((int Row, int Column) from)
    {
        var seen = new HashSet<(int, int)> { from };
        var queue = new Queue<(int Row, int Column)>([from]);
        while (queue.TryDequeue(out var p))
        {
            if (cells[p.Row, p.Column] is GridCell.Goal or GridCell.Pit) continue;
            for (int a = 0; a < 4; a++)
                if (seen.Add(Move(p.Row, p.Column, a))) queue.Enqueue(Move(p.Row, p.Column, a));
        }
        return seen.ToList();
    }

    private Observation Encode(int r, int c)
    {
        var vector = new float[Rows * Columns];
        int state = r * Columns + c;
        vector[state] = 1;
        return new Observation(vector, state);
    }
}
