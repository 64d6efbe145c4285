using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Transforms;

/// <summary>Normalisation methods.</summary>
public enum NormalizeMethod
{
    /// <summary>Scale to [0, 1] by the training minimum and maximum.</summary>
    MinMax,
    /// <summary>Divide by the standard deviation (zeros stay zero, so sparse vectors stay sparse).</summary>
    MeanVariance,
    /// <summary>Mean-variance normalisation of the logarithm (for skewed, positive values).</summary>
    LogMeanVariance,
}

/// <summary>What replaces a missing value.</summary>
public enum ReplaceWith
{
    /// <summary>The training mean.</summary>
    Mean,
    /// <summary>The training minimum.</summary>
    Minimum,
    /// <summary>The training maximum.</summary>
    Maximum,
    /// <summary>Zero.</summary>
    Zero,
}

/// <summary><c>normalize</c>.</summary>
public sealed record NormalizeOptions
{
    /// <summary>Method.</summary>
    [Option("How to scale.")]
    public NormalizeMethod Method { get; init; } = NormalizeMethod.MeanVariance;

    /// <summary>Columns.</summary>
    [Option("Columns to scale (numeric, or vectors named here); omitted: every plain numeric feature.")]
    public IReadOnlyList<string>? Columns { get; init; }
}

/// <summary><c>one_hot</c>.</summary>
public sealed record OneHotOptions
{
    /// <summary>Columns.</summary>
    [Option("Columns to encode as one indicator per category; omitted: every categorical feature.")]
    public IReadOnlyList<string>? Columns { get; init; }
}

/// <summary><c>replace_missing</c>.</summary>
public sealed record ReplaceMissingOptions
{
    /// <summary>Columns.</summary>
    [Option("Columns whose missing values are filled; omitted: every numeric feature.")]
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Replacement.</summary>
    [Option("What fills a gap, learned on the training data.")]
    public ReplaceWith With { get; init; } = ReplaceWith.Mean;
}

/// <summary><c>featurize_text</c>.</summary>
public sealed record FeaturizeTextOptions
{
    /// <summary>Columns.</summary>
    [Option("Text columns to turn into n-gram features; omitted: every text feature.")]
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Word n-grams.</summary>
    [Option("Longest word n-gram.", Min = 1, Max = 3)]
    public int WordNgrams { get; init; } = 2;

    /// <summary>Char n-grams.</summary>
    [Option("Longest character n-gram (0: none).", Min = 0, Max = 5)]
    public int CharNgrams { get; init; } = 3;
}

/// <summary><c>concatenate</c>.</summary>
public sealed record ConcatenateOptions
{
    /// <summary>Inputs.</summary>
    [Option("Numeric or vector columns to join into one vector.", Required = true, MinItems = 1)]
    public IReadOnlyList<string> Columns { get; init; } = [];

    /// <summary>Output.</summary>
    [Option("Name of the joined column, which replaces its inputs among the features.", Required = true)]
    public string Output { get; init; } = "";
}

/// <summary><c>select</c>.</summary>
public sealed record SelectOptions
{
    /// <summary>Columns kept.</summary>
    [Option("The features to keep; every other feature is dropped.", Required = true, MinItems = 1)]
    public IReadOnlyList<string> Columns { get; init; } = [];
}

/// <summary><c>drop</c>.</summary>
public sealed record DropOptions
{
    /// <summary>Columns dropped.</summary>
    [Option("The features to drop.", Required = true, MinItems = 1)]
    public IReadOnlyList<string> Columns { get; init; } = [];
}
