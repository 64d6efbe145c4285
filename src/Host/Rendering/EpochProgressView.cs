using System.Globalization;
using DeepLearning.Trainers.Training;
using Spectre.Console;

namespace DeepLearning.Host.Rendering;

/// <summary>Shows a neural trainer's epochs on standard error: a progress bar when standard error is an interactive
/// terminal, one plain line per epoch when it is redirected (logs, CI), nothing with <c>--json</c>.</summary>
public sealed class EpochProgressView : IProgress<EpochProgress>
{
    private readonly bool quiet;
    private readonly bool bar;
    private ProgressContext? context;
    private ProgressTask? task;

    /// <summary>Creates the view; <paramref name="quiet"/> (--json) shows nothing.</summary>
    public EpochProgressView(bool quiet)
    {
        this.quiet = quiet;
        bar = !quiet && !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb");
    }

    /// <summary>Runs <paramref name="work"/>, with the live bar around it when one is shown.</summary>
    public T Run<T>(Func<T> work)
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
    public void Report(EpochProgress value)
    {
        if (quiet) return;
        var line = Line(value);
        if (context is null)
        {
            Console.Error.WriteLine(line);
            return;
        }
        task ??= context.AddTask("training", maxValue: value.Epochs);
        task.Description = Markup.Escape(line);
        task.Value = value.Epoch;
    }

    /// <summary><c>epoch 3/50 loss 0.1234 val 0.2345</c>.</summary>
    public static string Line(EpochProgress p) =>
        string.Create(CultureInfo.InvariantCulture, $"epoch {p.Epoch}/{p.Epochs} loss {p.TrainLoss:0.0000}")
        + (p.ValidationLoss is { } v ? string.Create(CultureInfo.InvariantCulture, $" val {v:0.0000}") : "");
}
