using System.Text.Json;
using DeepLearning.Trainers.Reinforcement.Environments;

namespace DeepLearning.Trainers.Reinforcement.Policies;

/// <summary>A tabular policy: one row of action values per discrete state; acts greedily on them.</summary>
public sealed class QTablePolicy : IPolicy
{
    /// <summary>The kind stored in a bundle.</summary>
    public const string KindName = "q_table";

    private const int Format = 1;
    private readonly double[][] values;

    /// <summary>Wraps a copy of <paramref name="values"/> (rows: states, columns: actions).</summary>
    public QTablePolicy(IReadOnlyList<IReadOnlyList<double>> values)
    {
        if (values.Count == 0 || values[0].Count == 0) throw new ArgumentException("a Q-table needs at least one state and one action");
        if (values.Any(row => row.Count != values[0].Count)) throw new ArgumentException("every state of a Q-table needs a value per action");
        this.values = values.Select(row => row.ToArray()).ToArray();
    }

    /// <inheritdoc />
    public string Kind => KindName;

    /// <summary>Number of states.</summary>
    public int StateCount => values.Length;

    /// <inheritdoc />
    public int ActionCount => values[0].Length;

    /// <inheritdoc />
    public ActionScores ScoreKind => ActionScores.QValues;

    /// <summary>Q(state, action).</summary>
    public double this[int state, int action] => values[state][action];

    /// <inheritdoc />
    public double[] Scores(Observation observation)
    {
        if (observation.State < 0 || observation.State >= values.Length)
            throw new ArgumentException($"state {observation.State} is outside this Q-table's {values.Length} states");
        return values[observation.State].ToArray();
    }

    /// <inheritdoc />
    public void SaveTo(Stream stream) =>
        JsonSerializer.Serialize(stream, new State(Format, KindName, values.Length, ActionCount, values), PolicyJson.Options);

    /// <summary>Reads a table written by <see cref="SaveTo"/>.</summary>
    public static QTablePolicy LoadFrom(Stream stream)
    {
        var state = JsonSerializer.Deserialize<State>(stream, PolicyJson.Options) ?? throw new InvalidDataException("empty Q-table");
        if (state.Format > Format) throw new InvalidDataException($"Q-table format {state.Format} is newer than this version reads ({Format})");
        if (state.Values.Length != state.States || state.Values.Any(r => r.Length != state.Actions))
            throw new InvalidDataException($"the Q-table's values are not {state.States} states × {state.Actions} actions");
        return new QTablePolicy(state.Values);
    }

    /// <inheritdoc />
    public void Dispose() { }

    private sealed record State(int Format, string Kind, int States, int Actions, double[][] Values);
}
