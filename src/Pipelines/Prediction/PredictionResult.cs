namespace DeepLearning.Pipelines.Prediction;

/// <summary>One row's prediction.</summary>
/// <param name="Label">The predicted class (classification).</param>
/// <param name="Value">The predicted number (regression).</param>
/// <param name="Probability">Binary: probability of the positive (second) class.</param>
/// <param name="Score">Binary: the raw margin.</param>
/// <param name="Probabilities">Multiclass: probability of each class.</param>
public sealed record PredictionResult(string? Label, float? Value, float? Probability, float? Score, IReadOnlyDictionary<string, float>? Probabilities);
