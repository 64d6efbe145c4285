namespace DeepLearning.Pipelines.Spec;

/// <summary>Maps names (of trainers, of transforms) to the options record each declares.</summary>
public interface IOptionsCatalog
{
    /// <summary>All names, for error messages and the JSON Schema.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>The options record type of <paramref name="name"/>, or null when the name is unknown.</summary>
    Type? OptionsType(string name);

    /// <summary>A one-line description of <paramref name="name"/>.</summary>
    string Describe(string name);
}
