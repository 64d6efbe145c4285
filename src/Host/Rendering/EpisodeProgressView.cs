using System.Globalization;
using DeepLearning.Trainers.Reinforcement;

namespace DeepLearning.Host.Rendering;

/// <summary>Shows a reinforcement-learning agent's episodes on standard error, like <see cref="EpochProgressView"/>:
/// a progress bar on an interactive terminal; otherwise one plain line per episode (at most about
/// <see cref="MaxLines"/> lines, so a bandit's thousands of one-pull episodes do not flood a log: then every k-th
/// episode, the first and the last); nothing with <c>--json</c>.</summary>
public sealed class EpisodeProgressView(bool quiet) : StepProgressView<EpisodeProgress>(quiet)
{
    /// <summary>Lines written at most (roughly) when standard error is not a terminal.</summary>
    public const int MaxLines = 200;

    /// <inheritdoc />
    protected override (int Step, int Steps) Position(EpisodeProgress value) => (value.Episode, value.Episodes);

    /// <inheritdoc />
    protected override string Describe(EpisodeProgress value) => Line(value);

    /// <inheritdoc />
    protected override bool ShowsLine(int step, int steps) => Shown(step, steps);

    /// <summary>Whether a plain line is written for <paramref name="episode"/> of <paramref name="episodes"/>.</summary>
    public static bool Shown(int episode, int episodes)
    {
        int every = (episodes + MaxLines - 1) / MaxLines;
        return every <= 1 || episode == 1 || episode == episodes || episode % every == 0;
    }

    /// <summary><c>episode 12/500 return 23 length 23 mean100 19.40 ε 0.910 loss 0.0123</c>.</summary>
    public static string Line(EpisodeProgress p) =>
        string.Create(CultureInfo.InvariantCulture, $"episode {p.Episode}/{p.Episodes} return {p.Return:0.###} length {p.Length} mean{AgentTrainer.ProgressWindow} {p.MeanReturn:0.00}")
        + (p.Epsilon is { } e ? string.Create(CultureInfo.InvariantCulture, $" ε {e:0.000}") : "")
        + (p.Loss is { } l ? string.Create(CultureInfo.InvariantCulture, $" loss {l:0.0000}") : "");
}
