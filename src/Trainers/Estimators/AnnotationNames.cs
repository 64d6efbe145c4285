namespace DeepLearning.Trainers.Estimators;

/// <summary>ML.NET's annotation kinds used here (its own constants are internal).</summary>
internal static class AnnotationNames
{
    /// <summary>The names of a key column's values.</summary>
    public const string KeyValues = "KeyValues";

    /// <summary>The names of a vector column's slots.</summary>
    public const string SlotNames = "SlotNames";
}
