using DeepLearning.Trainers.Activations;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DeepLearning.Trainers.Networks;

/// <summary>An autoencoder: <see cref="Encode"/> maps a row to its code, <see cref="Decode"/> maps a code back, and
/// the forward pass returns the reconstruction, so the training loop's reconstruction objective (mean squared error
/// against the input) trains it like any other network.
/// Dense: linear → activation (→ dropout) per hidden size, then a linear code; the decoder mirrors the hidden sizes.
/// Convolutional: the row is viewed as an image; each 3×3 convolution with stride 2 and padding 1 halves height and
/// width (rounding up); then the dense layers and the code; the decoder mirrors it with 4×4 stride-2 transposed
/// convolutions, each doubling height and width and cropped back to the encoder's size there, so any height and
/// width work.</summary>
public sealed class Autoencoder : NeuralNetwork
{
    private readonly ModuleList<nn.Module<Tensor, Tensor>> encoder = new();
    private readonly ModuleList<nn.Module<Tensor, Tensor>> decoder = new();
    private readonly ModuleList<nn.Module<Tensor, Tensor>> upsampler = new();
    private readonly long[]? image;
    private readonly long[]? bottom;
    // Height and width after each transposed convolution, in decoder order.
    private readonly List<(long H, long W)> targets = [];

    /// <summary>Builds the layers from <paramref name="architecture"/>.</summary>
    public Autoencoder(AutoencoderArchitecture architecture) : base(nameof(Autoencoder), architecture)
    {
        var a = architecture;
        var weighted = new List<(Tensor Weight, Tensor? Bias)>();
        nn.Module<Tensor, Tensor> Act() => new ActivationLayer(Activation.Create(a.Activation, a.Slope));

        long width = a.Inputs;
        var sizes = new List<(long C, long H, long W)>();
        if (a.Variant == AutoencoderVariant.Convolutional)
        {
            var shape = a.Image!;
            image = [shape.Channels, shape.Height, shape.Width];
            (long c, long h, long w) = (shape.Channels, shape.Height, shape.Width);
            sizes.Add((c, h, w));
            foreach (int filters in a.Filters!)
            {
                var conv = nn.Conv2d(c, filters, 3, stride: 2, padding: 1);
                weighted.Add((conv.weight!, conv.bias));
                encoder.Add(conv);
                encoder.Add(Act());
                (c, h, w) = (filters, (h - 1) / 2 + 1, (w - 1) / 2 + 1);
                sizes.Add((c, h, w));
            }
            bottom = [c, h, w];
            encoder.Add(nn.Flatten());
            width = c * h * w;
        }
        foreach (int units in a.Hidden)
        {
            AddDense(encoder, width, units, activate: true);
            width = units;
        }
        AddDense(encoder, width, a.CodeSize, activate: false);

        width = a.CodeSize;
        foreach (int units in a.Hidden.Reverse())
        {
            AddDense(decoder, width, units, activate: true);
            width = units;
        }
        if (bottom is null)
        {
            AddDense(decoder, width, a.Inputs, activate: false);
        }
        else
        {
            AddDense(decoder, width, bottom[0] * bottom[1] * bottom[2], activate: true);
            for (int i = sizes.Count - 1; i >= 1; i--)
            {
                var (from, to) = (sizes[i], sizes[i - 1]);
                // Kernel 4, stride 2, padding 1 doubles each side exactly; Decode crops the odd sizes back.
                var up = nn.ConvTranspose2d(from.C, to.C, 4, stride: 2, padding: 1);
                weighted.Add((up.weight!, up.bias));
                upsampler.Add(up);
                targets.Add((to.H, to.W));
                if (i > 1) upsampler.Add(Act());
            }
        }
        RegisterComponents();
        foreach (var (weight, bias) in weighted) Initialise(weight, bias, a.Init, a.Activation, a.Slope);

        void AddDense(ModuleList<nn.Module<Tensor, Tensor>> layers, long inputs, long outputs, bool activate)
        {
            var linear = nn.Linear(inputs, outputs);
            weighted.Add((linear.weight!, linear.bias));
            layers.Add(linear);
            if (!activate) return;
            layers.Add(Act());
            if (a.Dropout > 0) layers.Add(nn.Dropout(a.Dropout));
        }
    }

    /// <summary>The code of each row of <paramref name="input"/> ([rows, inputs] → [rows, code size]).</summary>
    public Tensor Encode(Tensor input)
    {
        // Intermediate tensors belong to the caller's dispose scope (one per training step or prediction).
        var x = image is null ? input : input.reshape(-1, image[0], image[1], image[2]);
        foreach (var layer in encoder) x = layer.forward(x);
        return x;
    }

    /// <summary>The reconstruction of each code ([rows, code size] → [rows, inputs]).</summary>
    public Tensor Decode(Tensor code)
    {
        var x = code;
        foreach (var layer in decoder) x = layer.forward(x);
        if (bottom is null) return x;
        x = x.reshape(-1, bottom[0], bottom[1], bottom[2]);
        int next = 0;
        foreach (var layer in upsampler)
        {
            x = layer.forward(x);
            if (layer is not ConvTranspose2d) continue;
            var (h, w) = targets[next++];
            if (x.shape[2] != h || x.shape[3] != w) x = x.narrow(2, 0, h).narrow(3, 0, w);
        }
        return x.reshape(x.shape[0], -1);
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => Decode(Encode(input));
}
