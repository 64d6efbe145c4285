namespace DeepLearning.Trainers.Estimators;

/// <summary>What a trained autoencoder adds to the data.</summary>
public enum AutoencoderOutput
{
    /// <summary>Dimensionality reduction: the code as a vector column (the embedding), plus the row's
    /// reconstruction error.</summary>
    Embedding,
    /// <summary>Anomaly detection: a Single <c>Score</c> = the row's reconstruction error (mean squared error per
    /// feature value); rows unlike the training rows reconstruct badly.</summary>
    AnomalyScore,
}
