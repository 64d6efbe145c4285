namespace DeepLearning.Examples.CancerScreeningService;

/// <summary>What the clinic's system sends: the first ten nucleus measurements of a fine-needle aspirate.
/// Property names match the model's input columns in PascalCase (mean_radius → MeanRadius).</summary>
public sealed record Aspirate(
    float MeanRadius, float MeanTexture, float MeanPerimeter, float MeanArea, float MeanSmoothness,
    float MeanCompactness, float MeanConcavity, float MeanConcavePoints, float MeanSymmetry, float MeanFractalDimension);

/// <summary>What the service answers, in the clinic's words rather than the model's.</summary>
/// <param name="Assessment">"benign" or "refer to a pathologist".</param>
/// <param name="MalignancyRisk">Probability that the mass is malignant.</param>
/// <param name="ModelVersion">The registry version that answered (null for a bundle file).</param>
public sealed record Screening(string Assessment, double MalignancyRisk, int? ModelVersion);
