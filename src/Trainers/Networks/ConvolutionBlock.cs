namespace DeepLearning.Trainers.Networks;

/// <summary>One convolution block: convolution → (batch norm) → activation → (pooling).</summary>
/// <param name="Filters">Output channels (feature maps).</param>
/// <param name="Kernel">Square kernel size.</param>
/// <param name="Stride">Step of the kernel.</param>
/// <param name="Padding">Zero padding on each side (kernel / 2 keeps the size at stride 1).</param>
/// <param name="Pool">Pooling after the activation.</param>
/// <param name="PoolSize">Pooling window and step.</param>
/// <param name="BatchNorm">Normalise each channel over the batch before the activation (the convolution then has
/// no bias: batch norm's shift replaces it).</param>
public sealed record ConvolutionBlock(int Filters, int Kernel = 3, int Stride = 1, int Padding = 1, PoolKind Pool = PoolKind.Max, int PoolSize = 2, bool BatchNorm = true)
{
    /// <summary>The side of the feature map this block makes from a side of <paramref name="size"/> (after pooling),
    /// or a message saying why it cannot.</summary>
    public (int Size, string? Problem) Apply(int size)
    {
        if (Kernel > size + 2 * Padding)
            return (0, $"kernel {Kernel} is larger than the {size}-pixel side it slides over (with padding {Padding})");
        int convolved = (size + 2 * Padding - Kernel) / Stride + 1;
        if (Pool == PoolKind.None) return (convolved, null);
        if (PoolSize > convolved) return (0, $"pool size {PoolSize} is larger than the {convolved}-pixel side of the feature map");
        return (convolved / PoolSize, null);
    }
}
