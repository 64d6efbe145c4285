using DeepLearning.Pipelines.Spec;
using DeepLearning.Trainers.Networks;

namespace DeepLearning.Pipelines.Trainers;

/// <summary>One convolution block of a <c>cnn</c>: convolution → batch norm → activation → pooling.</summary>
public sealed record ConvBlockSpec
{
    /// <summary>Filters.</summary>
    [Option("Feature maps (output channels) of the convolution.", Min = 1)]
    public int Filters { get; init; } = 32;

    /// <summary>Kernel.</summary>
    [Option("Square kernel size in pixels.", Min = 1)]
    public int Kernel { get; init; } = 3;

    /// <summary>Stride.</summary>
    [Option("Step of the kernel in pixels.", Min = 1)]
    public int Stride { get; init; } = 1;

    /// <summary>Padding.</summary>
    [Option("Zero padding on each side in pixels; omitted: kernel / 2, which keeps the size at stride 1.", Min = 0)]
    public int? Padding { get; init; }

    /// <summary>Pooling.</summary>
    [Option("Pooling after the activation: max, average or none.")]
    public PoolKind Pool { get; init; } = PoolKind.Max;

    /// <summary>Pool size.</summary>
    [Option("Pooling window and step (2 halves each side).", Min = 1)]
    public int PoolSize { get; init; } = 2;

    /// <summary>Batch norm.</summary>
    [Option("Normalise each feature map over the batch before the activation (steadier, faster training).")]
    public bool BatchNorm { get; init; } = true;

    /// <summary>The block as the network builds it.</summary>
    public ConvolutionBlock ToBlock() => new(Filters, Kernel, Stride, Padding ?? Kernel / 2, Pool, PoolSize, BatchNorm);
}

/// <summary>A convolutional network for images (<c>data.image</c>) trained with TorchSharp.</summary>
public sealed record CnnOptions : LayeredNetworkOptions
{
    /// <summary>A CNN's defaults: few epochs of larger batches (an epoch of images is long and batch norm wants rows).</summary>
    public CnnOptions()
    {
        Epochs = 5;
        BatchSize = 64;
    }

    /// <summary>Blocks.</summary>
    [Option("Convolution blocks in order, e.g. `[{ filters: 32 }, { filters: 64 }]` (each: conv 3×3, batch norm, relu, max pool 2).", MinItems = 1)]
    public IReadOnlyList<ConvBlockSpec> Blocks { get; init; } = [new() { Filters = 32 }, new() { Filters = 64 }];

    /// <summary>Dense head.</summary>
    [Option("Units per hidden dense layer after the flattened feature maps, e.g. [128]; [] goes straight to the output layer.")]
    public IReadOnlyList<int> Dense { get; init; } = [128];

    /// <summary>Activation.</summary>
    [Option("Activation after each convolution and hidden dense layer.")]
    public HiddenActivation Activation { get; init; } = HiddenActivation.Relu;

    /// <summary>Dropout.</summary>
    [Option("Probability of dropping a hidden dense unit while training.", Min = 0, Max = 1, ExclusiveMax = true)]
    public double Dropout { get; init; } = 0.25;

    /// <summary>Initialisation.</summary>
    [Option("Weight initialisation of convolutions and dense layers: kaiming (for relu), xavier or zeros.")]
    public WeightInit Init { get; init; } = WeightInit.Kaiming;

    /// <summary>Augmentation.</summary>
    [Option("Augmentation: while training, shift each image by a random 0…N pixels in each direction (seeded; never at prediction); 0: off.", Min = 0)]
    public int Shift { get; init; }

    /// <summary>Checks the blocks against the image shape: every kernel and pool window must fit the feature map it
    /// slides over. Each error names the block's key path.</summary>
    public IReadOnlyList<SpecError> Check(ImageSpec image, SourceLocation? location)
    {
        var errors = new List<SpecError>();
        int h = image.Height, w = image.Width;
        for (int i = 0; i < Blocks.Count; i++)
        {
            var block = Blocks[i].ToBlock();
            var (nh, ph) = block.Apply(h);
            var (nw, pw) = block.Apply(w);
            if ((ph ?? pw) is { } problem)
            {
                string key = problem.StartsWith("pool", StringComparison.Ordinal) ? "pool_size" : "kernel";
                errors.Add(new SpecError(location, $"trainer.blocks[{i}].{key}",
                    $"{problem} (the {image.Shape} image is {h}×{w} by then); allowed: at most {(key == "kernel" ? $"{Math.Min(h, w) + 2 * block.Padding}" : $"the feature map's side")}, or fewer/smaller blocks before it"));
                break;
            }
            (h, w) = (nh, nw);
        }
        return errors;
    }
}
