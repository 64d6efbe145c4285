using DeepLearning.Pipelines.Running;
using ScottPlot;

namespace DeepLearning.Host.Rendering;

/// <summary>The course's learning-rate figure: cost against epoch for every run of a sweep on one PNG, on a log
/// scale (costs span orders of magnitude), each diverged curve marked where it blew up.</summary>
public static class LossCurvesPlot
{
    /// <summary>Renders the runs that have a loss history and writes the PNG to <paramref name="path"/>.</summary>
    public static void WritePng(SweepResult sweep, string title, string path)
    {
        using var plot = new Plot();
        IPalette palette = new ScottPlot.Palettes.Category10();
        // log10 of the cost; a diverged run's last costs may be ∞ or NaN, which cannot be drawn.
        var curves = sweep.Runs.Where(r => r.TrainLoss is { Count: > 0 })
            .Select(r => (Run: r, Points: r.TrainLoss!.Select((loss, i) => (Epoch: i + 1.0, Log: Math.Log10(loss))).Where(p => double.IsFinite(p.Log)).ToList()))
            .Where(c => c.Points.Count > 0).ToList();
        // The axis fits the runs that converged; a diverging curve leaves through the top, marked where it does,
        // so its blow-up does not flatten the differences the figure is about.
        var settled = curves.Where(c => c.Run.Status != "diverged").SelectMany(c => c.Points).Select(p => p.Log).ToList();
        var all = curves.SelectMany(c => c.Points).Select(p => p.Log).ToList();
        double bottom = all.Min(), top = settled.Count > 0 ? settled.Max() : all.Max();
        double ceiling = top + Math.Max(0.25 * (top - bottom), 0.1);
        int colour = 0, diverged = 0;
        foreach (var (run, points) in curves)
        {
            var color = palette.GetColor(colour++);
            var clipped = points.Select(p => (p.Epoch, Log: Math.Min(p.Log, ceiling))).ToList();
            var line = plot.Add.ScatterLine(clipped.Select(p => p.Epoch).ToArray(), clipped.Select(p => p.Log).ToArray(), color);
            line.LineWidth = 2;
            var setting = string.Join(", ", run.Settings.Select(s => $"{s.Key.Split('.').Last()} = {s.Value}"));
            line.LegendText = run.Status == "diverged" ? $"{setting} (diverged at epoch {run.DivergedAtEpoch})" : setting;
            if (run.Status == "diverged")
            {
                var exit = clipped.FirstOrDefault(p => p.Log >= ceiling, clipped[^1]);
                plot.Add.Marker(exit.Epoch, exit.Log, MarkerShape.Eks, 14, Colors.Red);
                var text = plot.Add.Text($"{setting}: diverged at epoch {run.DivergedAtEpoch}", exit.Epoch, exit.Log);
                text.LabelFontColor = Colors.Red;
                text.LabelFontSize = 13;
                text.LabelAlignment = Alignment.UpperLeft;
                // Diverging curves leave through the same corner: stack their labels instead of overprinting them.
                text.LabelOffsetY = 18 * diverged++;
            }
        }
        plot.Axes.SetLimitsY(bottom - 0.05 * (ceiling - bottom), ceiling + 0.02 * (ceiling - bottom));
        plot.Title(title);
        plot.XLabel("epoch (one gradient step per epoch with full batches)");
        plot.YLabel("log₁₀ cost (training loss)");
        plot.ShowLegend(Edge.Right);
        AtomicFile.Write(plot.GetImageBytes(1000, 600, ImageFormat.Png), path);
    }
}
