namespace DeepLearning.Trainers.Devices;

/// <summary>Where a network is asked to train.</summary>
public enum DeviceKind
{
    /// <summary>CUDA when libtorch's CUDA backend loads and a GPU is visible, else the CPU.</summary>
    Auto,
    /// <summary>The CPU.</summary>
    Cpu,
    /// <summary>A CUDA GPU; an error when none is usable.</summary>
    Cuda,
}
