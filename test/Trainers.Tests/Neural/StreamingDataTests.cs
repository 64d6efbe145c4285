using DeepLearning.Trainers.Activations;
using DeepLearning.Trainers.Estimators;
using DeepLearning.Trainers.Networks;
using DeepLearning.Trainers.Optimization;
using DeepLearning.Trainers.Training;
using Microsoft.ML;
using static TorchSharp.torch;

namespace DeepLearning.Trainers.Tests.Neural;

[TestClass]
public sealed class StreamingDataTests
{
    /// <summary>Rows whose first feature is their 0-based position and whose label is position × 10.</summary>
    private static IDataView Numbered(MLContext ml, int rows) =>
        ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(i => new NeuralData.RegressionRow { Features = [i, -i], Label = i * 10 }).ToList());

    private static List<(float[] X, float[] Y)> Epoch(IEpochReader reader, int batch, Random? shuffle) =>
        reader.Train(batch, shuffle).Select(b =>
        {
            var (x, y) = b.Load();
            using (x) using (y) return (x.data<float>().ToArray(), y.data<float>().ToArray());
        }).ToList();

    private static readonly Objective Regression = new(NeuralTask.Regression, ActivationKind.Identity);

    [TestMethod]
    [DataRow(1000, DisplayName = "pool larger than the data")]
    [DataRow(64, DisplayName = "pool smaller than the data")]
    public void AnEpochHandsOutEveryTrainingRowOnceInBatchesWithItsTarget(int pool)
    {
        var ml = new MLContext(1);
        var source = StreamingData.Over(Numbered(ml, 500), "Label", "Features", NeuralTask.Regression, pool);
        using var reader = source.Open(Regression, CPU, 0, seed: 1);
        var batches = Epoch(reader, 32, new Random(7));
        Assert.AreEqual(16, batches.Count, "500 rows in batches of 32");
        Assert.IsTrue(batches.Take(15).All(b => b.Y.Length == 32) && batches[^1].Y.Length == 500 - 15 * 32);
        var rows = batches.SelectMany(b => b.X.Where((_, i) => i % 2 == 0)).ToList();
        CollectionAssert.AreEquivalent(Enumerable.Range(0, 500).Select(i => (float)i).ToList(), rows, "every row exactly once");
        CollectionAssert.AreNotEqual(Enumerable.Range(0, 500).Select(i => (float)i).ToList(), rows, "shuffled");
        foreach (var (x, y) in batches)
            for (int i = 0; i < y.Length; i++) Assert.AreEqual(x[2 * i] * 10, y[i], "the target travels with its row");
    }

    [TestMethod]
    public void WithoutShuffleRowsComeInDataOrderAndTheSameSeedGivesTheSameOrder()
    {
        var ml = new MLContext(1);
        var source = StreamingData.Over(Numbered(ml, 200), "Label", "Features", NeuralTask.Regression, 50);
        using var reader = source.Open(Regression, CPU, 0, seed: 1);
        var inOrder = Epoch(reader, 64, null).SelectMany(b => b.Y).ToList();
        CollectionAssert.AreEqual(Enumerable.Range(0, 200).Select(i => i * 10f).ToList(), inOrder);
        var first = Epoch(reader, 64, new Random(3)).SelectMany(b => b.Y).ToList();
        var again = Epoch(reader, 64, new Random(3)).SelectMany(b => b.Y).ToList();
        var other = Epoch(reader, 64, new Random(4)).SelectMany(b => b.Y).ToList();
        CollectionAssert.AreEqual(first, again);
        CollectionAssert.AreNotEqual(first, other);
    }

    [TestMethod]
    public void ValidationRowsAreASeededShareDisjointFromTrainingAndStableAcrossPasses()
    {
        var ml = new MLContext(1);
        var source = StreamingData.Over(Numbered(ml, 2000), "Label", "Features", NeuralTask.Regression);
        using var reader = source.Open(Regression, CPU, 0.25, seed: 5);
        List<float> Validation() => reader.Validation().SelectMany(b => { var (x, y) = b.Load(); using (x) using (y) return y.data<float>().ToArray(); }).ToList();
        var validation = Validation();
        var train = Epoch(reader, 100, new Random(1)).SelectMany(b => b.Y).ToList();
        Assert.AreEqual(2000, validation.Count + train.Count);
        Assert.AreEqual(500, validation.Count, 60, "about a quarter");
        Assert.IsFalse(validation.Intersect(train).Any());
        CollectionAssert.AreEqual(validation, Validation(), "the same rows every pass");
        using var otherSeed = source.Open(Regression, CPU, 0.25, seed: 6);
        var otherValidation = otherSeed.Validation().SelectMany(b => { var (x, y) = b.Load(); using (x) using (y) return y.data<float>().ToArray(); }).ToList();
        CollectionAssert.AreNotEqual(validation, otherValidation);
    }

    [TestMethod]
    public void StandardisedTargetsAndMomentsMatchTheInMemoryData()
    {
        var ml = new MLContext(1);
        var view = NeuralData.Regression(ml);
        var streaming = StreamingData.Over(view, "Label", "Features", NeuralTask.Regression);
        var memory = TrainingData.Read(view, "Label", "Features", NeuralTask.Regression);
        var (mean, sd) = streaming.TargetMoments();
        Assert.AreEqual(memory.TargetMoments().Mean, mean, 1e-9);
        Assert.AreEqual(memory.TargetMoments().Deviation, sd, 1e-9);
        using var reader = streaming.WithTargets(mean, sd).Open(Regression, CPU, 0, 1);
        var scaled = Epoch(reader, 50, null).SelectMany(b => b.Y).ToArray();
        CollectionAssert.AreEqual(memory.Targets.Select(t => (float)((t - mean) / sd)).ToArray(), scaled);
    }

    [TestMethod]
    public void AStreamedMlpLearnsAsWellAsOneTrainedInMemory()
    {
        var ml = new MLContext(1);
        var data = NeuralData.Blobs(ml, rows: 600);
        NeuralTransformer Fit(DataCache cache) => new NeuralEstimator(new NeuralEstimator.Options(NeuralTask.Multiclass)
        {
            LabelColumnName = "LabelKey",
            Hidden = [16],
            Training = new() { Epochs = 15, BatchSize = 32, Seed = 3, Cache = cache, ShuffleBuffer = 100, ValidationFraction = 0.2, Optimizer = new(OptimizerKind.Adam, 0.01) },
        }).FitNetwork(data);
        var streamed = Fit(DataCache.Stream);
        var inMemory = Fit(DataCache.Memory);
        Assert.IsGreaterThan(0.9, streamed.History.ValidationAccuracy![^1], "the blobs separate");
        Assert.AreEqual(inMemory.History.ValidationAccuracy![^1], streamed.History.ValidationAccuracy[^1], 0.06);
        Assert.IsLessThan(streamed.History.TrainLoss[0] / 2, streamed.History.TrainLoss[^1]);
        // Same seed, same stream: the same weights.
        var again = Fit(DataCache.Stream);
        CollectionAssert.AreEqual(streamed.Network.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray(),
            again.Network.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray());
    }

    [TestMethod]
    public void WithAPoolHoldingEveryRowStreamingShufflesExactlyAsMemoryAndGivesTheSameWeights()
    {
        var ml = new MLContext(1);
        var data = NeuralData.Circle(ml, rows: 300);
        float[] Weights(DataCache cache, int pool) => new NeuralEstimator(new NeuralEstimator.Options(NeuralTask.Binary)
        {
            Hidden = [8],
            Training = new() { Epochs = 4, BatchSize = 16, Seed = 9, Cache = cache, ShuffleBuffer = pool, Optimizer = new(OptimizerKind.Adam, 0.01) },
        }).FitNetwork(data).Network.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();
        var inMemory = Weights(DataCache.Memory, 1);
        CollectionAssert.AreEqual(inMemory, Weights(DataCache.Stream, 300));
        CollectionAssert.AreNotEqual(inMemory, Weights(DataCache.Stream, 50), "a smaller pool mixes rows differently");
    }

    [TestMethod]
    public void AnAutoencoderLearnsToReconstructItsInputWithoutALabel()
    {
        var ml = new MLContext(1);
        var data = NeuralData.Regression(ml, rows: 400);
        foreach (var cache in new[] { DataCache.Memory, DataCache.Stream })
        {
            var options = new TrainingOptions { Epochs = 30, BatchSize = 32, Seed = 1, Cache = cache, Optimizer = new(OptimizerKind.Adam, 0.01) };
            var source = BatchSources.Open(data, null, "Features", NeuralTask.Reconstruction, options);
            Assert.IsInstanceOfType(source, cache == DataCache.Memory ? typeof(TrainingData) : typeof(StreamingData));
            var architecture = new NetworkArchitecture(2, [8], 2, ActivationKind.Tanh);
            var (network, history, _) = NetworkTrainer.Train(architecture.Build, source, new Objective(NeuralTask.Reconstruction, ActivationKind.Identity), options);
            using (network)
            {
                Assert.IsLessThan(history.TrainLoss[0] / 5, history.TrainLoss[^1], $"{cache}: reconstruction error fell");
                Assert.AreEqual(0, history.TrainAccuracy!.Count, "no accuracy for reconstruction");
            }
        }
    }

    [TestMethod]
    public void AutoKeepsSmallDataInMemoryAndFullBatchCannotStream()
    {
        var ml = new MLContext(1);
        var data = NeuralData.Regression(ml);
        Assert.IsInstanceOfType<TrainingData>(BatchSources.Open(data, "Label", "Features", NeuralTask.Regression, new TrainingOptions()));
        Assert.IsInstanceOfType<StreamingData>(BatchSources.Open(data, "Label", "Features", NeuralTask.Regression, new TrainingOptions { Cache = DataCache.Stream }));
        var error = Assert.ThrowsExactly<ArgumentException>(() => new TrainingOptions { Cache = DataCache.Stream, BatchSize = 0 }.Validate());
        StringAssert.Contains(error.Message, "batch size 0");
    }
}
