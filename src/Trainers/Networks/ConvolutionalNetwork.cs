using DeepLearning.Trainers.Activations;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DeepLearning.Trainers.Networks;

/// <summary>A convolutional network: rows of channels × height × width values are reshaped to images, passed through
/// convolution blocks (convolution → batch norm → activation → pooling), flattened, and through a dense head
/// (linear → activation → dropout per hidden size, then a linear output layer). While training it may shift each
/// image by a few pixels (<see cref="ConvolutionalArchitecture.Shift"/>), so it learns that a moved digit is the same digit.</summary>
public sealed class ConvolutionalNetwork : NeuralNetwork
{
    private readonly ModuleList<nn.Module<Tensor, Tensor>> features = new();
    private readonly ModuleList<nn.Module<Tensor, Tensor>> head = new();
    private readonly ConvolutionalArchitecture shape;

    /// <summary>Builds the layers from <paramref name="architecture"/>.</summary>
    public ConvolutionalNetwork(ConvolutionalArchitecture architecture) : base(nameof(ConvolutionalNetwork), architecture)
    {
        shape = architecture;
        var init = new List<(Tensor Weight, Tensor? Bias)>();
        long channels = architecture.Channels;
        foreach (var block in architecture.Blocks)
        {
            var conv = nn.Conv2d(channels, block.Filters, block.Kernel, stride: block.Stride, padding: block.Padding, bias: !block.BatchNorm);
            init.Add((conv.weight!, conv.bias));
            features.Add(conv);
            if (block.BatchNorm) features.Add(nn.BatchNorm2d(block.Filters));
            features.Add(new ActivationLayer(Activation.Create(architecture.Activation, architecture.Slope)));
            if (block.Pool == PoolKind.Max) features.Add(nn.MaxPool2d(block.PoolSize));
            else if (block.Pool == PoolKind.Average) features.Add(nn.AvgPool2d(block.PoolSize));
            channels = block.Filters;
        }
        long width = architecture.Flattened;
        foreach (int units in architecture.Dense)
        {
            var linear = nn.Linear(width, units);
            init.Add((linear.weight!, linear.bias));
            head.Add(linear);
            head.Add(new ActivationLayer(Activation.Create(architecture.Activation, architecture.Slope)));
            if (architecture.Dropout > 0) head.Add(nn.Dropout(architecture.Dropout));
            width = units;
        }
        var last = nn.Linear(width, architecture.Outputs);
        init.Add((last.weight!, last.bias));
        head.Add(last);
        if (architecture.OutputActivation != ActivationKind.Identity)
            head.Add(new ActivationLayer(Activation.Create(architecture.OutputActivation, architecture.Slope)));
        RegisterComponents();
        foreach (var (weight, bias) in init) Initialise(weight, bias, architecture.Init, architecture.Activation, architecture.Slope);
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        // Intermediate tensors belong to the caller's dispose scope (one per training step or prediction).
        var x = input.reshape(-1, shape.Channels, shape.Height, shape.Width);
        if (training && shape.Shift > 0) x = RandomShift(x, shape.Shift);
        // On the CPU the convolution blocks run channels-last: oneDNN's convolutions then read and write NHWC
        // directly instead of reordering every activation to its blocked layout and back, and max pooling and batch
        // norm take their vectorised NHWC kernels (measured, one thread, batch 64: the blocks' forward + backward
        // 22 ms → 11 ms). Only the layout changes; flatten() below copies back to C×H×W order, so the head sees the
        // same features. GPUs keep libtorch's default (not measured there).
        if (x.device_type == DeviceType.CPU) x = ChannelsLast(x);
        foreach (var layer in features) x = layer.forward(x);
        x = x.flatten(1);
        foreach (var layer in head) x = layer.forward(x);
        return x;
    }

    /// <summary>The same [N, C, H, W] values with channels-last strides (NHWC in memory), which libtorch's
    /// convolution, batch norm, activation and pooling kernels keep from layer to layer. Built with as_strided rather
    /// than permute → contiguous → permute, which leaves a one-channel image in its NCHW strides (a size-1 dimension
    /// makes both layouts "contiguous"), so libtorch would not see it as channels-last.</summary>
    public static Tensor ChannelsLast(Tensor images)
    {
        long n = images.shape[0], c = images.shape[1], h = images.shape[2], w = images.shape[3];
        var nhwc = images.permute(0, 2, 3, 1).contiguous();
        return nhwc.as_strided([n, c, h, w], [h * w * c, 1, w * c, c], nhwc.storage_offset());
    }

    /// <summary>Moves each image of <paramref name="images"/> [N, C, H, W] by its own offset of −k…k pixels in each
    /// direction, filling the uncovered border with zeros: pad by k, then gather each image's H × W window at its
    /// offset (two gathers, no per-image loop). Offsets come from libtorch's CPU generator, which the training loop
    /// seeds, so the same seed gives the same shifts and the same weights on any device.</summary>
    public static Tensor RandomShift(Tensor images, int k)
    {
        long n = images.shape[0], c = images.shape[1], h = images.shape[2], w = images.shape[3];
        var padded = nn.functional.pad(images, [k, k, k, k]);
        var offsets = randint(0, 2 * k + 1, [n, 2], dtype: ScalarType.Int64).to(images.device);
        var rows = offsets.select(1, 0).unsqueeze(1) + arange(h, dtype: ScalarType.Int64, device: images.device);
        var columns = offsets.select(1, 1).unsqueeze(1) + arange(w, dtype: ScalarType.Int64, device: images.device);
        var byRows = padded.gather(2, rows.view(n, 1, h, 1).expand(n, c, h, w + 2 * k));
        return byRows.gather(3, columns.view(n, 1, 1, w).expand(n, c, h, w));
    }
}
