namespace DeepLearning.Pipelines.Spec;

/// <summary>One mistake in a spec: where, which key, and what is wrong (received / allowed).</summary>
public sealed record SpecError(SourceLocation? Location, string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var where = Location is null ? "" : Location + ": ";
        var key = Path.Length == 0 ? "" : Path + ": ";
        return where + key + Message;
    }
}

/// <summary>A spec that cannot be used as written. Carries every error found, each naming file, key path,
/// what was received and what is allowed.</summary>
public sealed class SpecException : Exception
{
    /// <summary>Creates the exception from one or more errors.</summary>
    public SpecException(params IReadOnlyList<SpecError> errors)
        : base(string.Join(Environment.NewLine, errors.Select(e => e.ToString())))
    {
        Errors = errors;
    }

    /// <summary>The errors, in document order.</summary>
    public IReadOnlyList<SpecError> Errors { get; }
}
