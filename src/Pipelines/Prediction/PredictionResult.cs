namespace DeepLearning.Pipelines.Prediction;

/// <summary>One row's prediction; which fields are set depends on the task.</summary>
/// <param name="Label">The predicted class (classification).</param>
/// <param name="Value">The predicted number (regression).</param>
/// <param name="Probability">Binary: probability of the positive (second) class; multiclass: of the predicted class.</param>
/// <param name="Score">Binary: the raw margin; anomaly: the anomaly score.</param>
/// <param name="Probabilities">Multiclass: probability of each class.</param>
/// <param name="Cluster">Clustering: the nearest centroid, 1..k.</param>
/// <param name="Vector">Clustering: distance to each centroid; dimensionality reduction: the projection.</param>
/// <param name="IsAnomaly">Anomaly: whether the score is above the model's threshold.</param>
public sealed record PredictionResult(
    string? Label,
    float? Value,
    float? Probability,
    float? Score,
    IReadOnlyDictionary<string, float>? Probabilities,
    int? Cluster = null,
    IReadOnlyList<float>? Vector = null,
    bool? IsAnomaly = null);
