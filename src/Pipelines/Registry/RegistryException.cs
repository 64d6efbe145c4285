namespace DeepLearning.Pipelines.Registry;

/// <summary>A registry operation that cannot be done: bad name, no such version, locked by another training.</summary>
public sealed class RegistryException(string message) : Exception(message);
