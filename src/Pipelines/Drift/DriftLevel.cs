namespace DeepLearning.Pipelines.Drift;

/// <summary>How far data has moved, by the usual population-stability-index bands.</summary>
public enum DriftLevel
{
    /// <summary>PSI below 0.1: the data looks like the training data.</summary>
    None,
    /// <summary>PSI from 0.1 to below 0.25: worth watching.</summary>
    Moderate,
    /// <summary>PSI of 0.25 or more: the model is seeing different data; consider retraining.</summary>
    Major,
}
