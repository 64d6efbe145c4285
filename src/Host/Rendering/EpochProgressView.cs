using System.Globalization;
using DeepLearning.Trainers.Training;

namespace DeepLearning.Host.Rendering;

/// <summary>Shows a neural trainer's epochs on standard error: a progress bar when standard error is an interactive
/// terminal, one plain line per epoch when it is redirected (logs, CI), nothing with <c>--json</c>.</summary>
public sealed class EpochProgressView(bool quiet) : StepProgressView<EpochProgress>(quiet)
{
    /// <inheritdoc />
    protected override (int Step, int Steps) Position(EpochProgress value) => (value.Epoch, value.Epochs);

    /// <inheritdoc />
    protected override string Describe(EpochProgress value) => Line(value);

    /// <summary><c>epoch 3/50 loss 0.1234 val 0.2345</c>.</summary>
    public static string Line(EpochProgress p) =>
        string.Create(CultureInfo.InvariantCulture, $"epoch {p.Epoch}/{p.Epochs} loss {p.TrainLoss:0.0000}")
        + (p.ValidationLoss is { } v ? string.Create(CultureInfo.InvariantCulture, $" val {v:0.0000}") : "");
}
