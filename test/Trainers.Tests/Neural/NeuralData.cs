using Microsoft.ML;
using Microsoft.ML.Data;

namespace DeepLearning.Trainers.Tests.Neural;

/// <summary>Small synthetic data sets for the neural trainers.</summary>
internal static class NeuralData
{
    public sealed class RegressionRow
    {
        [VectorType(2)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }

    public sealed class BinaryRow
    {
        [VectorType(2)] public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }

    public sealed class ClassRow
    {
        [VectorType(2)] public float[] Features { get; set; } = [];
        public string Class { get; set; } = "";
    }

    /// <summary>y = 3x₀ − 2x₁ + 1 + noise, x of scale <paramref name="scale"/>.</summary>
    public static IDataView Regression(MLContext ml, int rows = 200, float scale = 1, int seed = 1)
    {
        var random = new Random(seed);
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(_ =>
        {
            float a = (float)(random.NextDouble() * 2 - 1) * scale, b = (float)(random.NextDouble() * 2 - 1) * scale;
            return new RegressionRow { Features = [a, b], Label = 3 * a - 2 * b + 1 + (float)(random.NextDouble() - 0.5) * 0.1f };
        }).ToList());
    }

    /// <summary>Inside or outside a circle: not linearly separable.</summary>
    public static IDataView Circle(MLContext ml, int rows = 300, int seed = 2)
    {
        var random = new Random(seed);
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(_ =>
        {
            float a = (float)(random.NextDouble() * 2 - 1), b = (float)(random.NextDouble() * 2 - 1);
            return new BinaryRow { Features = [a, b], Label = a * a + b * b < 0.5 };
        }).ToList());
    }

    /// <summary>Three blobs named "red", "green", "blue", the label mapped to a key column "LabelKey".</summary>
    public static IDataView Blobs(MLContext ml, int rows = 240, int seed = 3)
    {
        var random = new Random(seed);
        (string Name, float X, float Y)[] centres = [("red", 0, 2), ("green", 2, -1), ("blue", -2, -1)];
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(i =>
        {
            var c = centres[i % 3];
            return new ClassRow { Features = [c.X + (float)(random.NextDouble() - 0.5) * 2, c.Y + (float)(random.NextDouble() - 0.5) * 2], Class = c.Name };
        }).ToList());
        return ml.Transforms.Conversion.MapValueToKey("LabelKey", "Class").Fit(data).Transform(data);
    }
}
