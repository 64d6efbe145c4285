namespace DeepLearning.Pipelines.Spec;

/// <summary>What to do with a row that has a missing value in a used column.</summary>
public enum MissingPolicy
{
    /// <summary>Keep the row: numeric gaps become NaN (filled by <c>replace_missing</c>, added automatically for trainers that need it); rows without a label are left out of training.</summary>
    Keep,
    /// <summary>Leave out every row with a gap in a used column.</summary>
    DropRows,
    /// <summary>Fail, naming the first gap's line and column.</summary>
    Error,
}
