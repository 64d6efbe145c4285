using DeepLearning.Trainers.Devices;
using DeepLearning.Trainers.Networks;
using DeepLearning.Trainers.Training;

namespace DeepLearning.Trainers.Estimators;

/// <summary>A trained TorchSharp network behind an ML.NET transformer: what callers show about any neural model
/// (its loss history and the device it trained on) without knowing which kind it is.</summary>
public interface INeuralModel
{
    /// <summary>The trained module (evaluation mode).</summary>
    NeuralNetwork Network { get; }

    /// <summary>Per-epoch losses, learning rates, best epoch, steps and seconds.</summary>
    TrainingHistory History { get; }

    /// <summary>The device it was trained on and why (null for a model loaded from a stream).</summary>
    DeviceChoice? Device { get; }
}
