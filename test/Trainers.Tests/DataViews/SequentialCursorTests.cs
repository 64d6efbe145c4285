using DeepLearning.Trainers.DataViews;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace DeepLearning.Trainers.Tests.DataViews;

[TestClass]
public sealed class SequentialCursorTests
{
    private sealed class Row
    {
        public float A { get; set; }
        public float B { get; set; }
    }

    [TestMethod]
    public void ReadsEveryRowOfATransformChainInOrder()
    {
        // 5,000 rows through three transforms: enough batches that a split-and-merge cursor would interleave
        // threads, and a value per row that shows its position.
        var ml = new MLContext(1);
        var rows = Enumerable.Range(0, 5000).Select(i => new Row { A = i, B = i % 7 == 0 ? float.NaN : -i }).ToList();
        var raw = ml.Data.LoadFromEnumerable(rows);
        var chain = ml.Transforms.ReplaceMissingValues("B")
            .Append(ml.Transforms.NormalizeMinMax("A"))
            .Append(ml.Transforms.Concatenate("Features", "A", "B"));
        var view = chain.Fit(raw).Transform(raw);
        var features = view.Schema["Features"];

        var expected = view.GetColumn<VBuffer<float>>(features).Select(v => v.DenseValues().ToArray()).ToList();
        var seen = new List<float[]>();
        using (var cursor = SequentialCursor.Open(view, [features]))
        {
            var get = cursor.GetGetter<VBuffer<float>>(features);
            VBuffer<float> value = default;
            while (cursor.MoveNext())
            {
                get(ref value);
                seen.Add(value.DenseValues().ToArray());
                Assert.AreEqual(seen.Count - 1, cursor.Position);
            }
        }
        Assert.AreEqual(5000, seen.Count);
        for (int i = 0; i < seen.Count; i++) CollectionAssert.AreEqual(expected[i], seen[i], $"row {i}");
        Assert.AreEqual(1f, seen[^1][0], "min-max scaled: the last row holds the largest A");
    }
}
