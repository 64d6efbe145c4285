using DeepLearning.Pipelines.Prediction;
using ScottPlot;

namespace DeepLearning.Host.Rendering;

/// <summary>Draws a <see cref="Projection2D"/> as a PNG scatter plot: one colour per group, a legend naming the groups.</summary>
public static class ScatterPlot
{
    /// <summary>Image width in pixels.</summary>
    public const int Width = 800;

    /// <summary>Image height in pixels.</summary>
    public const int Height = 600;

    /// <summary>Renders <paramref name="projection"/> and writes it to <paramref name="path"/> atomically.</summary>
    public static void WritePng(Projection2D projection, string path) => AtomicFile.Write(Render(projection), path);

    /// <summary>The PNG bytes of the plot.</summary>
    public static byte[] Render(Projection2D projection)
    {
        using var plot = new Plot();
        // Category10 keeps neighbouring groups distinguishable; past ten groups colours repeat, which the legend makes visible.
        IPalette palette = new ScottPlot.Palettes.Category10();
        for (int g = 0; g < projection.Groups.Count; g++)
        {
            var members = projection.Points.Where(p => p.Group == g).ToList();
            if (members.Count == 0) continue;
            var points = plot.Add.ScatterPoints(members.Select(p => p.X).ToArray(), members.Select(p => p.Y).ToArray(), palette.GetColor(g));
            points.MarkerSize = 7;
            points.LegendText = $"{projection.Groups[g]} ({members.Count})";
        }
        plot.Title(projection.Title);
        plot.XLabel(projection.XLabel);
        plot.YLabel(projection.YLabel);
        // Outside the data area on the right, so the legend never hides points.
        plot.ShowLegend(Edge.Right);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
