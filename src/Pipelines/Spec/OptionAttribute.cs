namespace DeepLearning.Pipelines.Spec;

/// <summary>Declares a spec option on a record property: its description and constraints. The key is the
/// property name in snake_case, the type is the property's type, the default is the property's initial value.
/// Binding, validation, <c>dlp schema</c> and the docs all read these declarations.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OptionAttribute(string description) : Attribute
{
    /// <summary>One line saying what the option does.</summary>
    public string Description { get; } = description;

    /// <summary>The key must be present.</summary>
    public bool Required { get; set; }

    /// <summary>Smallest allowed number (NaN: none).</summary>
    public double Min { get; set; } = double.NaN;

    /// <summary>Largest allowed number (NaN: none).</summary>
    public double Max { get; set; } = double.NaN;

    /// <summary><see cref="Min"/> itself is not allowed.</summary>
    public bool ExclusiveMin { get; set; }

    /// <summary><see cref="Max"/> itself is not allowed.</summary>
    public bool ExclusiveMax { get; set; }

    /// <summary>Smallest number of items in a list.</summary>
    public int MinItems { get; set; }

    /// <summary>The tasks that read the key (top-level keys of the spec): given for another task it is an error, and
    /// <see cref="Required"/> applies only within the scope.</summary>
    public TaskScope Scope { get; set; }
}

/// <summary>Which tasks a top-level spec key belongs to.</summary>
public enum TaskScope
{
    /// <summary>Every task (name, task, seed).</summary>
    All,
    /// <summary>The tasks that learn from a data file (every task but reinforcement).</summary>
    Data,
    /// <summary>Task reinforcement: an agent learning in an environment.</summary>
    Reinforcement,
}
