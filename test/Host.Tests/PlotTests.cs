using System.Buffers.Binary;
using DeepLearning.Host.Tests.Support;
using SkiaSharp;

namespace DeepLearning.Host.Tests;

/// <summary><c>dlp train --plot</c>: a real PNG of the right size whose points show one colour per cluster or class.</summary>
[TestClass, TestCategory("e2e")]
public sealed class PlotTests
{
    [TestMethod]
    [DataRow("iris-kmeans.yaml", 3)]             // clusters
    [DataRow("iris-maximum-entropy.yaml", 3)]    // classes
    [DataRow("iris-pca.yaml", 3)]                // the model's own projection, coloured by species
    [DataRow("breast-cancer-logistic.yaml", 2)]  // binary
    [DataRow("diabetes-ols.yaml", 4)]            // regression: quartile bands of the label
    public void Train_plot_writes_an_800_by_600_png_with_a_colour_per_group(string example, int groups)
    {
        using var dir = new TempDir();
        var plot = dir.Path("plots", "scatter.png");

        var (_, json) = Dlp.Train(dir, example, null, "--plot", plot);

        Assert.AreEqual(plot, json["plot"]!.GetValue<string>());
        var bytes = File.ReadAllBytes(plot);
        CollectionAssert.AreEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8], "not a PNG signature");
        // The first chunk of a PNG is IHDR: length (4), type (4), then width and height big-endian.
        Assert.AreEqual("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.AreEqual(800, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.AreEqual(600, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        Assert.AreEqual(groups, PointColours(bytes), $"{example}: expected one marker colour per group");
        Assert.IsEmpty(dir.FilesUnder("plots").Where(f => f.EndsWith(".tmp", StringComparison.Ordinal)).ToList(), "a temp file was left next to the plot");
    }

    [TestMethod]
    public void Without_plot_no_png_is_written_and_json_says_so()
    {
        using var dir = new TempDir();

        var (_, json) = Dlp.Train(dir, "iris-kmeans.yaml");

        Assert.IsNull(json["plot"]);
        Assert.IsEmpty(Directory.GetFiles(dir.FullName, "*.png", SearchOption.AllDirectories));
    }

    /// <summary>Distinct strongly coloured pixel colours that cover many pixels: the marker colours. Text, axes and grid
    /// are grey, and anti-aliased marker edges are blends too scattered to reach the pixel floor.</summary>
    private static int PointColours(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        Assert.IsNotNull(bitmap, "SkiaSharp could not decode the PNG");
        var counts = new Dictionary<SKColor, int>();
        foreach (var pixel in bitmap.Pixels)
        {
            int max = Math.Max(pixel.Red, Math.Max(pixel.Green, pixel.Blue)), min = Math.Min(pixel.Red, Math.Min(pixel.Green, pixel.Blue));
            if (max - min < 80) continue;
            counts[pixel] = counts.GetValueOrDefault(pixel) + 1;
        }
        // A group of 25+ markers of 7 px covers well over 300 pixels; a blend shade of an edge does not.
        return counts.Count(c => c.Value >= 300);
    }
}
