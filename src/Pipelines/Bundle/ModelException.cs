namespace DeepLearning.Pipelines.Bundle;

/// <summary>A model file that cannot be used: missing, not a bundle, damaged, or written by a newer program.</summary>
public sealed class ModelException(string path, string message, Exception? inner = null) : Exception($"{path}: {message}", inner)
{
    /// <summary>The model file.</summary>
    public string Path { get; } = path;
}
