namespace DeepLearning.Trainers.Optimization;

/// <summary>How the learning rate changes from epoch to epoch.</summary>
public enum ScheduleKind
{
    /// <summary>Constant.</summary>
    None,
    /// <summary>Multiplied by gamma every step_size epochs.</summary>
    Step,
    /// <summary>Follows half a cosine from the initial rate down to zero over the epochs.</summary>
    Cosine,
}
