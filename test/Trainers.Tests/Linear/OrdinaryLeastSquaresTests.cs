using DeepLearning.Trainers;
using DeepLearning.Trainers.Linear;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace DeepLearning.Trainers.Tests.Linear;

[TestClass]
public sealed class OrdinaryLeastSquaresTests
{
    private sealed class Row
    {
        public float Label { get; set; }

        [VectorType(3)]
        public float[] Features { get; set; } = [];
    }

    private static IDataView Data(MLContext ml, Func<float[], float> truth, int n = 200, bool duplicateColumn = false)
    {
        var random = new Random(1);
        var rows = Enumerable.Range(0, n).Select(_ =>
        {
            var x = new[] { (float)random.NextDouble() * 10, (float)random.NextDouble() * 4 - 2, 0f };
            x[2] = duplicateColumn ? x[0] : (float)random.NextDouble();
            return new Row { Features = x, Label = truth(x) };
        }).ToList();
        return ml.Data.LoadFromEnumerable(rows);
    }

    [TestMethod]
    public void RecoversExactLinearWeights()
    {
        var ml = new MLContext(1);
        var model = (LinearRegressionTransformer)new OrdinaryLeastSquaresEstimator("Label", "Features", l2: 0)
            .Fit(Data(ml, x => 2 * x[0] - 3 * x[1] + 0.5f * x[2] + 5));
        Assert.AreEqual(2, model.Weights[0], 1e-4);
        Assert.AreEqual(-3, model.Weights[1], 1e-4);
        Assert.AreEqual(0.5, model.Weights[2], 1e-4);
        Assert.AreEqual(5, model.Bias, 1e-3);
    }

    [TestMethod]
    public void DuplicatedFeatureGetsNoWeightInsteadOfFailing()
    {
        var ml = new MLContext(1);
        var model = (LinearRegressionTransformer)new OrdinaryLeastSquaresEstimator("Label", "Features", l2: 0)
            .Fit(Data(ml, x => 4 * x[0] + 1, duplicateColumn: true));
        Assert.AreEqual(4, model.Weights[0] + model.Weights[2], 1e-4, "the two copies share the weight");
        Assert.AreEqual(1, model.Predict([0, 0, 0]), 1e-3);
    }

    [TestMethod]
    public void SavesAndLoadsToTheSamePredictions()
    {
        var ml = new MLContext(1);
        var data = Data(ml, x => x[0] - x[1]);
        var model = (IPortableTransformer)new OrdinaryLeastSquaresEstimator("Label", "Features").Fit(data);
        var entries = new MemoryModelEntries();
        model.SaveTo(entries);
        var loaded = PortableTransformers.Load(model.Kind, entries);
        var before = model.Transform(data).GetColumn<float>("Score").ToArray();
        var after = loaded.Transform(data).GetColumn<float>("Score").ToArray();
        CollectionAssert.AreEqual(before, after);
    }

    [TestMethod]
    public void UnknownKindIsAClearError()
    {
        var error = Assert.ThrowsExactly<InvalidDataException>(() => PortableTransformers.Load("quantum_forest", new MemoryModelEntries()));
        StringAssert.Contains(error.Message, "quantum_forest");
        StringAssert.Contains(error.Message, LinearRegressionTransformer.Kind);
    }
}
