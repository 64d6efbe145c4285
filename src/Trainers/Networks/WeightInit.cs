namespace DeepLearning.Trainers.Networks;

/// <summary>How a linear layer's weights start (biases always start at zero).</summary>
public enum WeightInit
{
    /// <summary>Glorot/Xavier uniform: keeps the variance of activations steady for sigmoid and tanh.</summary>
    Xavier,
    /// <summary>He/Kaiming uniform: the same for relu, which zeroes half its inputs.</summary>
    Kaiming,
    /// <summary>All zeros: right for a single linear layer (the loss is convex); in a hidden layer every unit then
    /// stays identical, which is the textbook demonstration of why networks start random.</summary>
    Zeros,
}
