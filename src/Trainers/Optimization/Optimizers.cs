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

    /// <summary>Sets the learning rate of every parameter group. The schedule is computed here, not by TorchSharp's
    /// schedulers, so the rate of each epoch is a plain function that the history can report.</summary>
    public static void SetLearningRate(optim.Optimizer optimizer, double rate)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = rate;
    }
}
