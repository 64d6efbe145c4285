namespace DeepLearning.Trainers.Networks;

/// <summary>Pooling after a convolution block: shrinks each feature map by the pool size, keeping the strongest
/// (max) or mean (average) response of each window.</summary>
public enum PoolKind
{
    /// <summary>No pooling.</summary>
    None,
    /// <summary>Largest value of each window.</summary>
    Max,
    /// <summary>Mean of each window.</summary>
    Average,
}
