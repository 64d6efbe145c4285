using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DeepLearning.Trainers.Optimization;

/// <summary>The course's update rule W := W − α·dCost/dW, with optional momentum or Adam's moment estimates — the
/// same arithmetic as PyTorch's SGD and Adam (L2 weight decay added to the gradient, no dampening, Adam's bias
/// correction). Written here rather than taken from TorchSharp's optimisers because those pass scalars created on the
/// fly to native code: a garbage collection during the call can finalise such a scalar while libtorch still reads
/// it ("Expected false to be true … toFloat" from inside Adam's step, seen when tests train in parallel). Every
/// scalar here lives in a field or a <c>using</c> for as long as native code may read it — including the `alpha` of
/// <c>add_</c>, which TorchSharp's one-argument overloads create on the fly as well.</summary>
public sealed class GradientDescent : IDisposable
{
    private readonly List<Parameter> parameters;
    private readonly OptimizerOptions options;
    // Momentum's velocity, or Adam's first and second moments, per parameter (created on the first step).
    private readonly Tensor?[] first, second;
    private readonly Scalar one = 1, beta1, oneMinusBeta1, beta2, oneMinusBeta2, epsilon, weightDecay;
    private long steps;

    /// <summary>Adam's decay rates of the first and second moment estimates, and its ε (PyTorch's defaults).</summary>
    public const double Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8;

    /// <summary>An optimiser of <paramref name="options"/> over <paramref name="parameters"/>.</summary>
    public GradientDescent(IEnumerable<Parameter> parameters, OptimizerOptions options)
    {
        options.Validate();
        this.parameters = parameters.ToList();
        this.options = options;
        LearningRate = options.LearningRate;
        first = new Tensor?[this.parameters.Count];
        second = new Tensor?[this.parameters.Count];
        double b1 = options.Kind == OptimizerKind.Momentum ? options.Momentum : Beta1;
        (beta1, oneMinusBeta1, beta2, oneMinusBeta2) = (b1, 1 - b1, Beta2, 1 - Beta2);
        epsilon = Epsilon;
        weightDecay = options.WeightDecay;
    }

    /// <summary>α of the next steps (the schedule sets it every epoch).</summary>
    public double LearningRate { get; set; }

    /// <summary>Steps taken (Adam's bias correction depends on it).</summary>
    public long Steps => steps;

    /// <summary>Clears the gradients before the next backward pass.</summary>
    public void zero_grad()
    {
        using var scope = NewDisposeScope();
        foreach (var p in parameters)
            if (p.grad is { } grad)
            {
                grad.detach_();
                grad.zero_();
            }
    }

    /// <summary>Moves every parameter one step against its gradient.</summary>
    public void step()
    {
        steps++;
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        double biasCorrection1 = 1 - Math.Pow(Beta1, steps), biasCorrection2 = 1 - Math.Pow(Beta2, steps);
        using Scalar negativeRate = -LearningRate;
        using Scalar adamStep = -LearningRate / biasCorrection1;
        using Scalar secondCorrection = 1 / Math.Sqrt(biasCorrection2);
        for (int i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            if (p.grad is not { } gradient) continue;
            var grad = options.WeightDecay != 0 ? gradient.add(p, weightDecay) : gradient;
            switch (options.Kind)
            {
                case OptimizerKind.Sgd:
                    p.add_(grad, negativeRate);
                    break;
                case OptimizerKind.Momentum:
                    // v := μ·v + g (v starts as the first gradient, as PyTorch's); W := W − α·v
                    if (first[i] is null) first[i] = grad.detach().clone().DetachFromDisposeScope();
                    else first[i]!.mul_(beta1).add_(grad, one);
                    p.add_(first[i]!, negativeRate);
                    break;
                default:
                    first[i] ??= zeros_like(p).DetachFromDisposeScope();
                    second[i] ??= zeros_like(p).DetachFromDisposeScope();
                    first[i]!.mul_(beta1).add_(grad, oneMinusBeta1);
                    second[i]!.mul_(beta2).addcmul_(grad, grad, oneMinusBeta2);
                    var denominator = second[i]!.sqrt().mul_(secondCorrection).add_(epsilon, one);
                    p.addcdiv_(first[i]!, denominator, adamStep);
                    break;
            }
        }
    }

    /// <summary>The state (step count and per-parameter buffers) as bytes, for a checkpoint.</summary>
    public byte[] SaveState()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(steps);
            foreach (var buffers in new[] { first, second })
                foreach (var buffer in buffers)
                {
                    writer.Write(buffer is not null);
                    if (buffer is null) continue;
                    using var host = buffer.detach().cpu().contiguous();
                    var values = host.data<float>().ToArray();
                    writer.Write(values.Length);
                    foreach (float v in values) writer.Write(v);
                }
        }
        return stream.ToArray();
    }

    /// <summary>Restores state written by <see cref="SaveState"/> for the same parameters.</summary>
    public void LoadState(byte[] state)
    {
        using var reader = new BinaryReader(new MemoryStream(state));
        steps = reader.ReadInt64();
        foreach (var buffers in new[] { first, second })
            for (int i = 0; i < buffers.Length; i++)
            {
                buffers[i]?.Dispose();
                buffers[i] = null;
                if (!reader.ReadBoolean()) continue;
                var values = new float[reader.ReadInt32()];
                if (values.Length != parameters[i].numel())
                    throw new ArgumentException("the checkpoint's optimiser state does not fit this network");
                for (int k = 0; k < values.Length; k++) values[k] = reader.ReadSingle();
                buffers[i] = tensor(values, parameters[i].shape).to(parameters[i].device);
            }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var t in first.Concat(second)) t?.Dispose();
        foreach (var s in new[] { one, beta1, oneMinusBeta1, beta2, oneMinusBeta2, epsilon, weightDecay }) s.Dispose();
    }
}
