namespace DeepLearning.Trainers.Training;

/// <summary>What a network is trained to predict; decides the loss and the output columns.</summary>
public enum NeuralTask
{
    /// <summary>A number; mean squared error.</summary>
    Regression,
    /// <summary>One of two classes; binary cross-entropy.</summary>
    Binary,
    /// <summary>One of k classes; softmax cross-entropy.</summary>
    Multiclass,
    /// <summary>The input itself (an autoencoder): mean squared error against the features; no label.</summary>
    Reconstruction,
}
