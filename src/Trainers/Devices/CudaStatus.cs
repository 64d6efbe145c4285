namespace DeepLearning.Trainers.Devices;

/// <summary>Whether CUDA can be used, and why (not).</summary>
/// <param name="Available">libtorch's CUDA backend loaded and at least one GPU is visible.</param>
/// <param name="Devices">Visible GPUs.</param>
/// <param name="Reason">A sentence for people: what was found, or what is missing.</param>
public sealed record CudaStatus(bool Available, int Devices, string Reason);
