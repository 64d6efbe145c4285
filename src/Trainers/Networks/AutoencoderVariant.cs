namespace DeepLearning.Trainers.Networks;

/// <summary>How an autoencoder's encoder and decoder are built.</summary>
public enum AutoencoderVariant
{
    /// <summary>Fully connected layers: any feature vector.</summary>
    Dense,
    /// <summary>Strided convolutions down, transposed convolutions back up: for features that are an image's pixels,
    /// where neighbouring values belong together.</summary>
    Convolutional,
}
