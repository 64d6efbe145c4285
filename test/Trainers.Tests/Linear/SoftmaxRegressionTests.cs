using DeepLearning.Trainers;
using DeepLearning.Trainers.Linear;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace DeepLearning.Trainers.Tests.Linear;

[TestClass]
public sealed class SoftmaxRegressionTests
{
    private static SoftmaxRegressionTransformer Fit(IDataView data, double l1, double l2, double tolerance = 1e-7) =>
        new MLContext(1).MulticlassClassification.Trainers.SoftmaxRegression(options: new() { L1 = l1, L2 = l2, Tolerance = tolerance }).FitModel(data);

    private static List<(float[] X, uint Label)> Rows(MLContext ml, IDataView data) =>
        ml.Data.CreateEnumerable<KeyedRow>(data, reuseRowObject: false).Select(r => (r.Features, r.Label)).ToList();

    private sealed class KeyedRow
    {
        public uint Label { get; set; }
        public float[] Features { get; set; } = [];
    }

    [TestMethod]
    [DataRow(0.0, 1.0)]
    [DataRow(1.0, 1.0)]    // the spec's defaults: OWL-QN
    [DataRow(20.0, 0.1)]
    public void ReachesAnObjectiveAtLeastAsLowAsMlNetsLbfgsMaximumEntropyAndPredictsAlike(double l1, double l2)
    {
        var ml = new MLContext(1);
        var data = SoftmaxLossTests.Blobs(ml, 600, spread: 1.6);
        var ours = Fit(data, l1, l2);
        var theirs = ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = "Label", FeatureColumnName = "Features", L1Regularization = (float)l1, L2Regularization = (float)l2, OptimizationTolerance = 1e-7f, NumberOfThreads = 1,
        }).Fit(data);

        // ML.NET's parameters put into our objective: ours must be no higher (both minimise the same function).
        VBuffer<float>[] weights = [];
        theirs.Model.GetWeights(ref weights, out int classes);
        var biases = theirs.Model.GetBiases().ToArray();
        var x = new double[(4 + 1) * classes];
        for (int k = 0; k < classes; k++)
        {
            var dense = weights[k].DenseValues().ToArray();
            for (int j = 0; j < 4; j++) x[j * classes + k] = dense[j];
            x[4 * classes + k] = biases[k];
        }
        var loss = new SoftmaxLoss(SparseRows.Read(data, "Label", "Features", 3), 3, l2);
        double theirObjective = loss.Evaluate(x, new double[x.Length]) + l1 / 600 * x.Take(loss.WeightCount).Sum(Math.Abs);
        Assert.IsTrue(ours.Fit.Converged);
        Assert.IsTrue(ours.Fit.Objective <= theirObjective + 1e-6, $"ours {ours.Fit.Objective} vs ML.NET's {theirObjective}");
        Assert.AreEqual(theirObjective, ours.Fit.Objective, 1e-3, "the same minimum, to the tolerance both stop at");

        var scored = ml.Data.CreateEnumerable<Scored>(theirs.Transform(data), reuseRowObject: false).ToList();
        var rows = Rows(ml, data);
        int agree = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            var p = ours.Predict(rows[i].X);
            if ((uint)p[3] == scored[i].PredictedLabel) agree++;
            for (int k = 0; k < 3; k++) Assert.AreEqual(scored[i].Score[k], p[k], 0.01, $"row {i} class {k}");
        }
        Assert.IsTrue(agree >= rows.Count * 0.99, $"{agree} of {rows.Count} predictions agree");
    }

    private sealed class Scored
    {
        public uint PredictedLabel { get; set; }
        public float[] Score { get; set; } = [];
    }

    [TestMethod]
    public void ProbabilitiesSumToOneAndTheKeyIsTheMostLikelyClass()
    {
        var ml = new MLContext(1);
        var data = SoftmaxLossTests.Blobs(ml, 300);
        var model = Fit(data, l1: 0, l2: 1);
        int correct = 0;
        foreach (var (x, label) in Rows(ml, data))
        {
            var p = model.Predict(x);
            Assert.AreEqual(1, p[0] + p[1] + p[2], 1e-5);
            int best = p[0] >= p[1] && p[0] >= p[2] ? 0 : p[1] >= p[2] ? 1 : 2;
            Assert.AreEqual(best + 1, (int)p[3]);
            if (p[3] == label) correct++;
        }
        Assert.IsTrue(correct > 0.9 * 300, $"{correct} of 300 right on well separated blobs");
    }

    [TestMethod]
    public void L1DrivesWeightsToExactZerosAndAVeryLargeOneLeavesOnlyTheClassPriors()
    {
        var ml = new MLContext(1);
        var data = SoftmaxLossTests.Blobs(ml, 300);
        var dense = Fit(data, l1: 0, l2: 0.1);
        var sparse = Fit(data, l1: 60, l2: 0.1);
        Assert.AreEqual(12, dense.Fit.NonZeroWeights);
        Assert.IsTrue(sparse.Fit.NonZeroWeights is > 0 and < 12, $"{sparse.Fit.NonZeroWeights} of 12 weights left");
        int zeros = 0;
        for (int j = 0; j < 4; j++) for (int k = 0; k < 3; k++) if (sparse.Weight(j, k) == 0) zeros++;
        Assert.AreEqual(12 - sparse.Fit.NonZeroWeights, zeros);

        var none = Fit(data, l1: 1e6, l2: 0);
        Assert.AreEqual(0, none.Fit.NonZeroWeights);
        var p = none.Predict([5, -3, 2, 1]);
        for (int k = 0; k < 3; k++) Assert.AreEqual(1.0 / 3, p[k], 1e-3, "balanced classes: every prior is 1/3");
    }

    [TestMethod]
    public void SavesAndLoadsToTheSamePredictions()
    {
        var ml = new MLContext(1);
        var data = SoftmaxLossTests.Blobs(ml, 150);
        var model = Fit(data, l1: 1, l2: 1);
        var entries = new MemoryModelEntries();
        ((IPortableTransformer)model).SaveTo(entries);
        var loaded = (SoftmaxRegressionTransformer)PortableTransformers.Load(SoftmaxRegressionTransformer.Kind, entries);
        Assert.AreEqual(model.Fit, loaded.Fit);
        foreach (var (x, _) in Rows(ml, data))
            CollectionAssert.AreEqual(model.Predict(x), loaded.Predict(x));
    }

    [TestMethod]
    public void ADamagedSavedModelIsAClearErrorNamingWhatIsWrong()
    {
        var entries = new MemoryModelEntries();
        using (var stream = entries.Create("model.json"))
            stream.Write(System.Text.Encoding.UTF8.GetBytes(
                """{"Format":1,"Features":"Features","Classes":3,"ClassNames":null,"Weights":[1,2,3,4,5,6,7],"Biases":[0,0,0],"Fit":{"Rows":1,"SkippedRows":0,"Iterations":1,"Objective":1,"Converged":true,"NonZeroWeights":7}}"""));
        var error = Assert.ThrowsExactly<InvalidDataException>(() => PortableTransformers.Load(SoftmaxRegressionTransformer.Kind, entries));
        StringAssert.Contains(error.Message, "7 weights");
    }

    [TestMethod]
    public void AddsScoreAndAKeyPredictionCarryingTheClassNames()
    {
        var ml = new MLContext(1);
        var raw = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 60).Select(i => new Named
        {
            Species = (i % 3) switch { 0 => "setosa", 1 => "versicolor", _ => "virginica" },
            Features = [i % 3 + (i % 7) * 0.1f, (i % 5) * 0.2f],
        }));
        var data = ml.Transforms.Conversion.MapValueToKey("Label", "Species").Fit(raw).Transform(raw);
        var model = Fit(data, l1: 0, l2: 1);
        var schema = model.Transform(data).Schema;
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, 3), schema["Score"].Type);
        Assert.AreEqual(3UL, ((KeyDataViewType)schema["PredictedLabel"].Type).Count);
        VBuffer<ReadOnlyMemory<char>> names = default;
        schema["PredictedLabel"].GetKeyValues(ref names);
        CollectionAssert.AreEqual(new[] { "setosa", "versicolor", "virginica" }, names.DenseValues().Select(n => n.ToString()).ToArray());
        CollectionAssert.AreEqual(new[] { "setosa", "versicolor", "virginica" }, model.ClassNames!.ToArray());
    }

    private sealed class Named
    {
        public string Species { get; set; } = "";

        [VectorType(2)]
        public float[] Features { get; set; } = [];
    }

    [TestMethod]
    public void RowsWithoutALabelAreLeftOutAndNoneLeftIsAClearError()
    {
        var ml = new MLContext(1);
        var rows = Enumerable.Range(0, 30).Select(i => new SoftmaxLossTests.Row { Label = i % 3 + 1, Features = [i % 3, 1, 0, i] }).ToList();
        rows.Add(new SoftmaxLossTests.Row { Label = float.NaN, Features = [1, 1, 1, 1] });
        var model = Fit(SoftmaxLossTests.Keyed(ml, rows), l1: 0, l2: 1);
        Assert.AreEqual(30, model.Fit.Rows);
        Assert.AreEqual(1, model.Fit.SkippedRows);

        var unlabelled = SoftmaxLossTests.Keyed(ml, rows.Select(r => new SoftmaxLossTests.Row { Label = r.Label == 1 ? float.NaN : r.Label, Features = r.Label == 1 ? r.Features : [float.NaN, 0, 0, 0] }).ToList());
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => Fit(unlabelled, l1: 0, l2: 1));
        StringAssert.Contains(error.Message, "all 31 have a missing label or a NaN or infinite feature");
    }
}
