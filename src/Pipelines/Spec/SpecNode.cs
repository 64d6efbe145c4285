namespace DeepLearning.Pipelines.Spec;

/// <summary>Where a spec value came from: a file position, or a command-line override.</summary>
public sealed record SourceLocation(string Source, int Line, int Column)
{
    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"{Source}:{Line}:{Column}" : Source;
}

/// <summary>A parsed spec document (YAML or JSON) before it is bound to records: keeps source positions for errors.</summary>
public abstract record SpecNode(SourceLocation Location);

/// <summary>A mapping; keys keep their document order.</summary>
public sealed record SpecMap(IReadOnlyList<KeyValuePair<string, SpecNode>> Entries, SourceLocation Location) : SpecNode(Location)
{
    /// <summary>The value under <paramref name="key"/>, or null.</summary>
    public SpecNode? Get(string key) => Entries.FirstOrDefault(e => e.Key == key).Value;
}

/// <summary>A sequence.</summary>
public sealed record SpecList(IReadOnlyList<SpecNode> Items, SourceLocation Location) : SpecNode(Location);

/// <summary>A scalar. <see cref="Quoted"/> scalars are always strings; plain ones may be numbers, booleans or null.</summary>
public sealed record SpecScalar(string Value, bool Quoted, SourceLocation Location) : SpecNode(Location)
{
    /// <summary>A plain <c>null</c>, <c>~</c> or empty scalar.</summary>
    public bool IsNull => !Quoted && Value is "" or "null" or "Null" or "NULL" or "~";

    /// <summary>How the value reads in an error message.</summary>
    public string Display => IsNull ? "null" : $"'{Value}'";
}
