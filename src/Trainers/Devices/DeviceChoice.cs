namespace DeepLearning.Trainers.Devices;

/// <summary>The device a network trained on, and why it was chosen.</summary>
/// <param name="Name"><c>cpu</c> or <c>cuda:N</c>.</param>
/// <param name="Reason">Why: e.g. "CUDA not available: libtorch_cuda could not be loaded".</param>
public sealed record DeviceChoice(string Name, string Reason)
{
    /// <summary>The TorchSharp device.</summary>
    public TorchSharp.torch.Device Device => new(Name);
}
