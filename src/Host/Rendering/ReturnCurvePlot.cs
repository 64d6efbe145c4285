using DeepLearning.Trainers.Reinforcement;
using ScottPlot;

namespace DeepLearning.Host.Rendering;

/// <summary>The return curve of a reinforcement-learning run: the return of every training episode, its moving
/// average, the evaluation's mean as a dashed line, and for a bandit the cumulative regret on a second axis.</summary>
public static class ReturnCurvePlot
{
    /// <summary>Writes the figure as an 800×600 PNG to <paramref name="path"/> atomically.</summary>
    public static void WritePng(IReadOnlyList<double> returns, IReadOnlyList<double>? regret, double? evaluationMean, string title, string path) =>
        AtomicFile.Write(Render(returns, regret, evaluationMean, title), path);

    /// <summary>The PNG bytes (the run report inlines them).</summary>
    public static byte[] Render(IReadOnlyList<double> returns, IReadOnlyList<double>? regret, double? evaluationMean, string title, int width = 800, int height = 600)
    {
        using var plot = new Plot();
        var episodes = Enumerable.Range(1, returns.Count).Select(e => (double)e).ToArray();
        int window = Window(returns.Count);
        var raw = plot.Add.ScatterLine(episodes, returns.ToArray(), Colors.SteelBlue.WithAlpha(0.35));
        raw.LegendText = "return per episode";
        var average = plot.Add.ScatterLine(episodes, EpisodeHistory.MovingAverage(returns, window), Colors.DarkBlue);
        average.LineWidth = 2.5f;
        average.LegendText = $"moving average ({window} episodes)";
        if (evaluationMean is { } mean)
        {
            var line = plot.Add.HorizontalLine(mean, 1.5f, Colors.DarkGreen, LinePattern.Dashed);
            line.LegendText = $"evaluation mean {mean:0.##}";
        }
        if (regret is { Count: > 0 })
        {
            double sum = 0;
            var cumulative = regret.Select(r => sum += r).ToArray();
            var curve = plot.Add.ScatterLine(episodes, cumulative, Colors.OrangeRed);
            curve.LineWidth = 2;
            curve.LegendText = "cumulative regret (right axis)";
            curve.Axes.YAxis = plot.Axes.Right;
            plot.Axes.Right.Label.Text = "cumulative regret Σ (μ* − μₐ)";
        }
        plot.Title(title);
        plot.XLabel("episode");
        plot.YLabel("return (sum of rewards)");
        plot.ShowLegend(Alignment.LowerRight);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>The moving-average window: 100 episodes (Gym's convention), fewer for short runs.</summary>
    public static int Window(int episodes) => Math.Clamp(episodes / 10, 1, AgentTrainer.ProgressWindow);
}
