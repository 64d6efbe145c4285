namespace DeepLearning.Examples.Embedding;

/// <summary>A service's own request type. PipelineModel.Predict&lt;T&gt; binds its properties to the model's input
/// columns by name (SepalLengthCm ↔ sepal_length_cm), so the service needs no dictionary or ML.NET type.</summary>
public sealed record IrisFlower(float SepalLengthCm, float SepalWidthCm, float PetalLengthCm, float PetalWidthCm);
