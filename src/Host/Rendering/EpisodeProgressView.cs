using System.Globalization;
using DeepLearning.Trainers.Reinforcement;
using Spectre.Console;

namespace DeepLearning.Host.Rendering;

/// <summary>Shows a reinforcement-learning agent's episodes on standard error, like <see cref="EpochProgressView"/>:
/// a progress bar on an interactive terminal; otherwise one plain line per episode (at most about
/// <see cref="MaxLines"/> lines, so a bandit's thousands of one-pull episodes do not flood a log: then every k-th
/// episode, the first and the last); nothing with <c>--json</c>.</summary>
public sealed class EpisodeProgressView : IProgress<EpisodeProgress>
{
    /// <summary>Lines written at most (roughly) when standard error is not a terminal.</summary>
    public const int MaxLines = 200;

    private readonly bool quiet;
    private readonly bool bar;
    private ProgressContext? context;
    private ProgressTask? task;

    /// <summary>Creates the view; <paramref name="quiet"/> (--json) shows nothing.</summary>
    public EpisodeProgressView(bool quiet)
    {
        this.quiet = quiet;
        bar = !quiet && !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb");
    }

    /// <summary>Runs <paramref name="work"/>, with the live bar around it when one is shown.</summary>
    public T Run<T>(Func<T> work)
    {
        if (!bar) return work();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                context = ctx;
                try
                {
                    return work();
                }
                finally
                {
                    context = null;
                }
            });
    }

    /// <inheritdoc />
    public void Report(EpisodeProgress value)
    {
        if (quiet) return;
        if (context is null)
        {
            if (Shown(value.Episode, value.Episodes)) Console.Error.WriteLine(Line(value));
            return;
        }
        task ??= context.AddTask("training", maxValue: value.Episodes);
        task.Description = Markup.Escape(Line(value));
        task.Value = value.Episode;
    }

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
