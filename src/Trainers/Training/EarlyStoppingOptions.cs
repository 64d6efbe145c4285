namespace DeepLearning.Trainers.Training;

/// <summary>Stop when the monitored loss (validation loss when a validation fraction is held out, else the
/// training loss) has not improved for <paramref name="Patience"/> epochs.</summary>
/// <param name="Patience">Epochs without improvement before stopping (≥ 1).</param>
/// <param name="MinDelta">An improvement smaller than this does not count.</param>
/// <param name="RestoreBest">On stopping, put back the weights of the best epoch.</param>
public sealed record EarlyStoppingOptions(int Patience = 10, double MinDelta = 0, bool RestoreBest = true);
