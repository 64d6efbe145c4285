using DeepLearning.Trainers.Linear;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace DeepLearning.Trainers.Tests.Linear;

[TestClass]
public sealed class SoftmaxLossTests
{
    /// <summary>A row before its label becomes a key: class 1..3, NaN for a missing label.</summary>
    internal sealed class Row
    {
        public float Label { get; set; }

        [VectorType(4)]
        public float[] Features { get; set; } = [];
    }

    internal static IDataView Blobs(MLContext ml, int n, int seed = 1, double spread = 1.0)
    {
        var random = new Random(seed);
        float[][] centres = [[2, 0, 0, 1], [0, 2, 0, -1], [0, 0, 2, 0]];
        var rows = Enumerable.Range(0, n).Select(i =>
        {
            int c = i % 3;
            // Zeros on purpose (the rows are stored sparse): the last feature is 0 on a third of the rows.
            var x = centres[c].Select(v => (float)(v + spread * (random.NextDouble() * 2 - 1))).ToArray();
            if (i % 3 == 2) x[3] = 0;
            return new Row { Label = c + 1, Features = x };
        }).ToList();
        return Keyed(ml, rows);
    }

    /// <summary>The rows with their label as a key 1..3 in class order (NaN: the missing key 0), as the pipeline
    /// hands a multiclass trainer its label.</summary>
    internal static IDataView Keyed(MLContext ml, IEnumerable<Row> rows)
    {
        var raw = ml.Data.LoadFromEnumerable(rows);
        return ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Fit(raw).Transform(raw);
    }

    [TestMethod]
    public void GradientMatchesFiniteDifferences()
    {
        var ml = new MLContext(1);
        var rows = SparseRows.Read(Blobs(ml, 90), "Label", "Features", 3);
        var loss = new SoftmaxLoss(rows, 3, l2: 0.7);
        var random = new Random(2);
        var x = Enumerable.Range(0, loss.Dimension).Select(_ => random.NextDouble() - 0.5).ToArray();
        AssertGradientMatchesFiniteDifferences(loss, x, every: 1);
    }

    /// <summary>Checks every <paramref name="every"/>-th coordinate of the gradient at <paramref name="x"/> against a
    /// central difference of the loss.</summary>
    private static void AssertGradientMatchesFiniteDifferences(SoftmaxLoss loss, double[] x, int every)
    {
        var g = new double[loss.Dimension];
        loss.Evaluate(x, g);
        var scratch = new double[loss.Dimension];
        for (int i = 0; i < x.Length; i += every)
        {
            const double h = 1e-3;
            var plus = (double[])x.Clone();
            var minus = (double[])x.Clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (loss.Evaluate(plus, scratch) - loss.Evaluate(minus, scratch)) / (2 * h);
            Assert.AreEqual(numeric, g[i], 2e-4, $"∂/∂x[{i}]");
        }
    }

    [TestMethod]
    public void AtZeroEveryClassIsEquallyLikely()
    {
        var ml = new MLContext(1);
        var rows = SparseRows.Read(Blobs(ml, 30), "Label", "Features", 3);
        var loss = new SoftmaxLoss(rows, 3, l2: 1);
        var g = new double[loss.Dimension];
        Assert.AreEqual(Math.Log(3), loss.Evaluate(new double[loss.Dimension], g), 1e-6);
        Assert.AreEqual(12, loss.WeightCount, "4 features × 3 classes");
        Assert.AreEqual(15, loss.Dimension, "then 3 biases");
    }

    [TestMethod]
    public void SparseRowsKeepOnlyNonZerosAndSkipUnusableRows()
    {
        var ml = new MLContext(1);
        var data = Keyed(ml, new List<Row>
        {
            new() { Label = 1, Features = [1, 0, 0, 2] },
            new() { Label = float.NaN, Features = [1, 1, 1, 1] },         // missing label
            new() { Label = 2, Features = [float.NaN, 1, 1, 1] },         // NaN feature
            new() { Label = 3, Features = [0, 0, 0, 0] },
        });
        var rows = SparseRows.Read(data, "Label", "Features", 3);
        Assert.AreEqual(2, rows.Count);
        Assert.AreEqual(2, rows.Skipped);
        CollectionAssert.AreEqual(new[] { 0, 2, 2 }, rows.Starts);
        CollectionAssert.AreEqual(new[] { 0, 3 }, rows.Indices);
        CollectionAssert.AreEqual(new[] { 1f, 2f }, rows.Values);
        CollectionAssert.AreEqual(new[] { 0, 2 }, rows.Labels);
    }

    [TestMethod]
    public void ColumnBlocksHoldEachBlockFeatureByFeature()
    {
        // 300 rows: blocks of 128, 128 and 44. Row i holds feature i % 4 (value i + 1) and, on even rows, feature 3 (value 0.5).
        var ml = new MLContext(1);
        var data = Keyed(ml, Enumerable.Range(0, 300).Select(i =>
        {
            var x = new float[4];
            x[i % 4] = i + 1;
            if (i % 2 == 0) x[3] = 0.5f;
            return new Row { Label = 1, Features = x };
        }).ToList());
        var rows = SparseRows.Read(data, "Label", "Features", 3);
        var blocks = ColumnBlocks.Build(rows, 10, 300);

        CollectionAssert.AreEqual(new[] { 10, 138, 266, 300 }, blocks.RowStarts);
        var entries = 0;
        for (int b = 0; b < blocks.Count; b++)
        {
            var features = blocks.Features[blocks.FeatureStarts[b]..blocks.FeatureStarts[b + 1]];
            CollectionAssert.AreEqual(new[] { 0, 1, 2, 3 }, features, $"block {b}");
            for (int slot = blocks.FeatureStarts[b]; slot < blocks.FeatureStarts[b + 1]; slot++)
                for (int e = blocks.EntryStarts[slot]; e < blocks.EntryStarts[slot + 1]; e++)
                {
                    int row = blocks.RowStarts[b] + blocks.Rows[e], feature = blocks.Features[slot];
                    float expected = feature == row % 4 ? row + 1 : 0.5f;
                    Assert.AreEqual(expected, blocks.Values[e], $"row {row}, feature {feature}");
                    if (e > blocks.EntryStarts[slot]) Assert.IsTrue(blocks.Rows[e] > blocks.Rows[e - 1], "rows ascend within a feature");
                    entries++;
                }
        }
        Assert.AreEqual(rows.Starts[300] - rows.Starts[10], entries, "every stored value of the rows, once");
    }

    [TestMethod]
    public void ChunksPassedInParallelGiveTheSingleChunkLossAndGradient()
    {
        var ml = new MLContext(1);
        var rows = SparseRows.Read(Blobs(ml, 999), "Label", "Features", 3);
        var random = new Random(3);
        var x = Enumerable.Range(0, 15).Select(_ => random.NextDouble() - 0.5).ToArray();
        var whole = new double[15];
        var chunked = new double[15];
        double a = new SoftmaxLoss(rows, 3, l2: 0.3).Evaluate(x, whole);
        double b = new SoftmaxLoss(rows, 3, l2: 0.3, entriesPerChunk: 400).Evaluate(x, chunked);   // 8 chunks
        Assert.AreEqual(a, b, 1e-12 * Math.Abs(a));
        for (int i = 0; i < 15; i++) Assert.AreEqual(whole[i], chunked[i], 1e-6, $"gradient[{i}]");
    }

    [TestMethod]
    public void ManyClassesTakeTheGeneralPathAndStillMatchFiniteDifferences()
    {
        // 20 classes: three SIMD vectors of 8 (AVX2), past the one- and two-vector and 16-lane fast paths.
        var random = new Random(4);
        var rows = Enumerable.Range(0, 200).Select(i => new Row { Label = i % 20 + 1, Features = [.. Enumerable.Range(0, 4).Select(_ => (float)random.NextDouble())] }).ToList();
        var ml = new MLContext(1);
        var sparse = SparseRows.Read(Keyed(ml, rows), "Label", "Features", 20);
        var loss = new SoftmaxLoss(sparse, 20, l2: 0.5);
        var x = Enumerable.Range(0, loss.Dimension).Select(_ => random.NextDouble() - 0.5).ToArray();
        AssertGradientMatchesFiniteDifferences(loss, x, every: 7);
    }

    [TestMethod]
    public void SixteenLaneVectorsGiveTheEightLaneLossAndGradient()
    {
        // 10 classes, padded to 16: one AVX-512 vector per row where the processor has it, else two of 8 (AVX2). Each
        // path is checked against finite differences too, so a shared mistake would not pass unseen.
        var random = new Random(5);
        var rows = Enumerable.Range(0, 700).Select(i => new Row { Label = i % 10 + 1, Features = [.. Enumerable.Range(0, 4).Select(k => k == i % 4 ? 0f : (float)random.NextDouble())] }).ToList();
        var ml = new MLContext(1);
        var sparse = SparseRows.Read(Keyed(ml, rows), "Label", "Features", 10);
        var wide = new SoftmaxLoss(sparse, 10, l2: 0.5);
        var narrow = new SoftmaxLoss(sparse, 10, l2: 0.5, wideVectors: false);
        var x = Enumerable.Range(0, wide.Dimension).Select(_ => random.NextDouble() - 0.5).ToArray();
        var g16 = new double[wide.Dimension];
        var g8 = new double[wide.Dimension];
        double a = wide.Evaluate(x, g16), b = narrow.Evaluate(x, g8);
        Assert.AreEqual(b, a, 1e-6 * Math.Abs(b));
        for (int i = 0; i < x.Length; i++) Assert.AreEqual(g8[i], g16[i], 1e-6, $"gradient[{i}]");
        AssertGradientMatchesFiniteDifferences(wide, x, every: 3);
        AssertGradientMatchesFiniteDifferences(narrow, x, every: 3);
    }

    [TestMethod]
    public void VectorExpIsWithinAFewUlpsOfMathFExp()
    {
        double worst = 0;
        for (float x = -87f; x < 88f; x += 0.0137f)
        {
            float fast = VectorExp.Exp(new System.Numerics.Vector<float>(x))[0], exact = MathF.Exp(x);
            worst = Math.Max(worst, Math.Abs(fast - exact) / exact);
            Assert.AreEqual(fast, System.Runtime.Intrinsics.Vector512.GetElement(VectorExp.Exp(System.Runtime.Intrinsics.Vector512.Create(x)), 15), $"16 lanes at {x}");
        }
        Assert.IsTrue(worst < 2.5e-7, $"worst relative error {worst:E2}");
        Assert.AreEqual(1f, VectorExp.Exp(System.Numerics.Vector<float>.Zero)[0]);
        Assert.IsTrue(VectorExp.Exp(new System.Numerics.Vector<float>(float.NegativeInfinity))[0] < 1e-37f, "clamped, not NaN");
    }

    [TestMethod]
    public unsafe void CacheAlignedFloatsStartOnALineAndHoldZeros()
    {
        for (int length = 1; length < 200; length += 17)
        {
            var floats = new CacheAlignedFloats(length);
            fixed (float* first = &floats.First)
                Assert.AreEqual(0L, (long)first % 64, $"length {length}");
            Assert.AreEqual(length, floats.Span.Length);
            Assert.IsTrue(floats.Span.ToArray().All(v => v == 0));
            floats.Span[length - 1] = 5;
            Assert.AreEqual(5f, floats.Span[^1]);
        }
    }
}
