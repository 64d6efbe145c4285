namespace DeepLearning.Trainers.Devices;

/// <summary>A CUDA device was asked for and cannot be used; the message says why.</summary>
public sealed class DeviceUnavailableException(string message) : Exception(message);
