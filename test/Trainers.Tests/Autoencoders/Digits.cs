using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace DeepLearning.Trainers.Tests.Autoencoders;

/// <summary>The shipped digits set (8×8 grey images, values 0–16) as a 64-value Features column scaled to [0, 1].</summary>
internal static class Digits
{
    public sealed class Row
    {
        [VectorType(64)] public float[] Features { get; set; } = [];
    }

    public static IReadOnlyList<float[]> Pixels(int rows = int.MaxValue) =>
        File.ReadLines(PathOf("datasets/digits/digits.csv")).Skip(1).Where(l => l.Length > 0).Take(rows)
            .Select(l => l.Split(',').Skip(1).Select(v => float.Parse(v, CultureInfo.InvariantCulture) / 16f).ToArray()).ToList();

    public static IDataView View(MLContext ml, int rows = int.MaxValue) =>
        ml.Data.LoadFromEnumerable(Pixels(rows).Select(p => new Row { Features = p }).ToList());

    private static string PathOf(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DeepLearning.Pipelines.sln"))) return Path.Combine(dir.FullName, relative);
        throw new InvalidOperationException("DeepLearning.Pipelines.sln not found above " + AppContext.BaseDirectory);
    }
}
