using System.Globalization;
using DeepLearning.Pipelines.Running;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Tests;

/// <summary>Training the shipped examples, and the reference answers the tests compare them with.</summary>
public static class Examples
{
    /// <summary>Trains examples/<paramref name="example"/> with <paramref name="overrides"/>, writing no bundle.</summary>
    public static TrainResult Train(string example, params string[] overrides) =>
        new PipelineTrainer().Train(SpecLoader.Load(Repo.Example(example), overrides), outputPath: null);

    /// <summary>The closed-form least-squares line y = w·x + b of the 12 seed_regression points.</summary>
    public static (double W, double B) SeedRegressionLine()
    {
        var points = File.ReadAllLines(Repo.Dataset("seed_regression/seed_regression.csv")).Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        double mx = points.Average(p => p[0]), my = points.Average(p => p[1]);
        double w = points.Sum(p => (p[0] - mx) * (p[1] - my)) / points.Sum(p => (p[0] - mx) * (p[0] - mx));
        return (w, my - w * mx);
    }
}
