using TorchSharp.Modules;

namespace DeepLearning.Trainers.Optimization;

/// <summary>Creates optimisers and sets their learning rate per epoch.</summary>
public static class Optimizers
{
    /// <summary>An optimiser of <paramref name="options"/> over <paramref name="parameters"/>.</summary>
    public static GradientDescent Create(IEnumerable<Parameter> parameters, OptimizerOptions options) => new(parameters, options);

    /// <summary>The optimiser's state (momentum buffers, Adam's moments and step count) as bytes, for a checkpoint.</summary>
    public static byte[] SaveState(GradientDescent optimizer) => optimizer.SaveState();

    /// <summary>Restores state written by <see cref="SaveState"/> into an optimiser of the same kind over the same parameters.</summary>
    public static void LoadState(GradientDescent optimizer, byte[] state) => optimizer.LoadState(state);

    /// <summary>Sets the learning rate. The schedule is computed by the loop, not by a scheduler object, so the rate
    /// of each epoch is a plain function that the history can report.</summary>
    public static void SetLearningRate(GradientDescent optimizer, double rate) => optimizer.LearningRate = rate;
}
