namespace DeepLearning.Trainers.Training;

/// <summary>libtorch's random generator and thread count are process-wide. Seeding, building a network and the
/// loop that draws dropout masks hold this lock, so fits running on parallel threads (tests, cross-validation)
/// do not draw from each other's sequence and the same seed gives the same weights.</summary>
internal static class TorchGate
{
    /// <summary>The lock.</summary>
    public static readonly Lock Lock = new();
}
