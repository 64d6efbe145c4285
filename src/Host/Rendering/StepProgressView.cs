using Spectre.Console;

namespace DeepLearning.Host.Rendering;

/// <summary>Shows a long run's steps (epochs, episodes) on standard error: a progress bar when standard error is an
/// interactive terminal, plain lines when it is redirected (logs, CI), nothing with <c>--json</c>. Subclasses say how
/// a step reads and which steps get a plain line.</summary>
public abstract class StepProgressView<T> : IProgress<T>
{
    private readonly bool quiet;
    private readonly bool bar;
    private ProgressContext? context;
    private ProgressTask? task;

    /// <summary>Creates the view; <paramref name="quiet"/> (--json) shows nothing.</summary>
    protected StepProgressView(bool quiet)
    {
        this.quiet = quiet;
        bar = !quiet && !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb");
    }

    /// <summary>Runs <paramref name="work"/>, with the live bar around it when one is shown.</summary>
    public TResult Run<TResult>(Func<TResult> work)
    {
        if (!bar) return work();
        // The bar lives on standard error so standard output keeps only tables and JSON.
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
    public void Report(T value)
    {
        if (quiet) return;
        var (step, steps) = Position(value);
        if (context is null)
        {
            if (ShowsLine(step, steps)) Console.Error.WriteLine(Describe(value));
            return;
        }
        task ??= context.AddTask("training", maxValue: steps);
        task.Description = Markup.Escape(Describe(value));
        task.Value = step;
    }

    /// <summary>The 1-based step and the planned number of steps.</summary>
    protected abstract (int Step, int Steps) Position(T value);

    /// <summary>The step as one line of text.</summary>
    protected abstract string Describe(T value);

    /// <summary>Whether a redirected run writes a line for this step (default: every step).</summary>
    protected virtual bool ShowsLine(int step, int steps) => true;
}
