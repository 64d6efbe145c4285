namespace DeepLearning.Pipelines.Spec;

/// <summary>The kind of a data column, inferred from its values or declared in <c>data.columns</c>.</summary>
public enum ColumnKind
{
    /// <summary>Numbers (stored as 32-bit floats; missing values are NaN).</summary>
    Numeric,
    /// <summary>A small set of labels such as <c>setosa</c>; one-hot encoded as a feature.</summary>
    Categorical,
    /// <summary>Free text; featurised into word and character n-grams as a feature.</summary>
    Text,
    /// <summary>true/false, yes/no; used as 1/0.</summary>
    Boolean,
    /// <summary>Not used at all.</summary>
    Ignore,
    /// <summary>An image: a vector of channels × height × width pixel values, formed from <c>data.image</c> (never
    /// inferred or declared per column).</summary>
    Image,
}
