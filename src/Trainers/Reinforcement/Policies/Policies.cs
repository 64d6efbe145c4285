namespace DeepLearning.Trainers.Reinforcement.Policies;

/// <summary>Loads the policies of this library from the streams they saved.</summary>
public static class Policies
{
    /// <summary>The kinds this version can load.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [QTablePolicy.KindName, NetworkPolicy.KindName];

    /// <summary>Loads a policy of <paramref name="kind"/>.</summary>
    public static IPolicy Load(string kind, Stream stream) => kind switch
    {
        QTablePolicy.KindName => QTablePolicy.LoadFrom(stream),
        NetworkPolicy.KindName => NetworkPolicy.LoadFrom(stream),
        _ => throw new InvalidDataException($"unknown policy kind '{kind}'; this version reads: {string.Join(", ", Kinds)}"),
    };
}
