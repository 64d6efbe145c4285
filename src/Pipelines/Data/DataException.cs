namespace DeepLearning.Pipelines.Data;

/// <summary>Data that cannot be used: names the file and, where there is one, the line and column.</summary>
public sealed class DataException(string file, int? line, string? column, string message)
    : Exception(Format(file, line, column, message))
{
    /// <summary>The data file.</summary>
    public string File { get; } = file;

    /// <summary>1-based line, when the problem is in one place.</summary>
    public int? Line { get; } = line;

    /// <summary>Column name (and position), when the problem is in one column.</summary>
    public string? Column { get; } = column;

    private static string Format(string file, int? line, string? column, string message)
    {
        var where = file + (line is { } l ? $":{l}" : "");
        return column is null ? $"{where}: {message}" : $"{where}: column {column}: {message}";
    }
}
