using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DeepLearning.Trainers.Optimization;

/// <summary>Creates TorchSharp optimisers and sets their learning rate per epoch.</summary>
public static class Optimizers
{
    /// <summary>An optimiser of <paramref name="options"/> over <paramref name="parameters"/>.</summary>
    public static optim.Optimizer Create(IEnumerable<Parameter> parameters, OptimizerOptions options)
    {
        options.Validate();
        return options.Kind switch
        {
            OptimizerKind.Sgd => optim.SGD(parameters, options.LearningRate, weight_decay: options.WeightDecay),
            OptimizerKind.Momentum => optim.SGD(parameters, options.LearningRate, momentum: options.Momentum, weight_decay: options.WeightDecay),
            OptimizerKind.Adam => optim.Adam(parameters, options.LearningRate, weight_decay: options.WeightDecay),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Kind, "unknown optimizer"),
        };
    }

    /// <summary>The optimiser's state (momentum buffers, Adam's moments and step count) as bytes, for a checkpoint.</summary>
    public static byte[] SaveState(optim.Optimizer optimizer)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) Helper(optimizer).save_state_dict(writer);
        return stream.ToArray();
    }

    /// <summary>Restores state written by <see cref="SaveState"/> into an optimiser of the same kind over the same parameters.</summary>
    public static void LoadState(optim.Optimizer optimizer, byte[] state)
    {
        using var reader = new BinaryReader(new MemoryStream(state));
        Helper(optimizer).load_state_dict(reader);
    }

    // Every optimiser Create makes is a TorchSharp OptimizerHelper, which is where state (de)serialisation lives.
    private static OptimizerHelper Helper(optim.Optimizer optimizer) => optimizer as OptimizerHelper
        ?? throw new NotSupportedException($"{optimizer.GetType().Name} cannot save its state");

    /// <summary>Sets the learning rate of every parameter group. The schedule is computed here, not by TorchSharp's
    /// schedulers, so the rate of each epoch is a plain function that the history can report.</summary>
    public static void SetLearningRate(optim.Optimizer optimizer, double rate)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = rate;
    }
}
