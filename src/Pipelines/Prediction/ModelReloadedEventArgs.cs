namespace DeepLearning.Pipelines.Prediction;

/// <summary>What a <see cref="PredictionService"/> reload attempt did.</summary>
/// <param name="Version">The registry version it tried to load.</param>
/// <param name="Error">Why loading failed (the previous model keeps serving), or null when the new model is in use.</param>
public sealed record ModelReloadedEventArgs(int Version, Exception? Error);
