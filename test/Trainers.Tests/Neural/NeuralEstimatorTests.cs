using DeepLearning.Trainers.Activations;
using DeepLearning.Trainers.Estimators;
using DeepLearning.Trainers.Networks;
using DeepLearning.Trainers.Optimization;
using DeepLearning.Trainers.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace DeepLearning.Trainers.Tests.Neural;

[TestClass]
public sealed class NeuralEstimatorTests
{
    private static NeuralEstimator.Options Linear(double rate, int epochs) => new(NeuralTask.Regression)
    {
        Init = WeightInit.Zeros,
        Training = new() { Epochs = epochs, BatchSize = 0, Shuffle = false, Optimizer = new(OptimizerKind.Sgd, rate) },
    };

    [TestMethod]
    public void FullBatchGradientDescentReachesTheLeastSquaresWeights()
    {
        var ml = new MLContext(1);
        var data = NeuralData.Regression(ml);
        var model = ml.Regression.Trainers.Mlp(Linear(0.5, 500)).FitNetwork(data);
        var ols = (DeepLearning.Trainers.Linear.LinearRegressionTransformer)new DeepLearning.Trainers.Linear.OrdinaryLeastSquaresEstimator("Label", "Features", l2: 0).Fit(data);
        // The label is standardised for training: compare the fitted lines by their predictions.
        foreach (var x in new[] { new float[] { 0, 0 }, [1, 0], [0, 1], [-0.7f, 0.4f] })
            Assert.AreEqual(ols.Predict(x), model.Predict(x)[0], 1e-3, $"at ({x[0]}, {x[1]})");
        Assert.AreEqual(500, model.History.Epochs);
        Assert.IsLessThan(model.History.TrainLoss[0], model.History.TrainLoss[^1], "the loss fell");
    }

    [TestMethod]
    public void TooLargeALearningRateDivergesNamingEpochAndRate()
    {
        var ml = new MLContext(1);
        var data = NeuralData.Regression(ml, scale: 100);
        var error = Assert.ThrowsExactly<TrainingDivergedException>(() => ml.Regression.Trainers.Mlp(Linear(10, 200)).Fit(data));
        Assert.IsGreaterThan(1, error.Epoch);
        Assert.AreEqual(10, error.LearningRate);
        StringAssert.Contains(error.Message, $"diverged at epoch {error.Epoch} with learning rate 10");
        Assert.AreEqual(error.Epoch - 1, error.History.TrainLoss.Count, "the history stops before the diverged epoch");
    }

    [TestMethod]
    public void SameSeedGivesIdenticalWeightsAndAnotherSeedDoesNot()
    {
        var ml = new MLContext(1);
        var data = NeuralData.Circle(ml);
        float[] Weights(int seed)
        {
            var options = new NeuralEstimator.Options(NeuralTask.Binary)
            {
                Hidden = [8], Dropout = 0.2,
                Training = new() { Epochs = 5, BatchSize = 16, Seed = seed, ValidationFraction = 0.2, Optimizer = new(OptimizerKind.Adam, 0.01) },
            };
            var model = new NeuralEstimator(options).FitNetwork(data);
            return model.Network.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();
        }
        CollectionAssert.AreEqual(Weights(5), Weights(5));
        CollectionAssert.AreNotEqual(Weights(5), Weights(6));
    }

    [TestMethod]
    public void BinaryMlpLearnsANonLinearBoundaryAndEvaluates()
    {
        var ml = new MLContext(1);
        var data = NeuralData.Circle(ml, rows: 400);
        var options = new NeuralEstimator.Options(NeuralTask.Binary)
        {
            Hidden = [16, 16], Activation = ActivationKind.Tanh,
            Training = new() { Epochs = 150, BatchSize = 32, Seed = 1, Optimizer = new(OptimizerKind.Adam, 0.01) },
        };
        var model = ml.BinaryClassification.Trainers.Mlp(options).Fit(data);
        var metrics = ml.BinaryClassification.Evaluate(model.Transform(data));
        Assert.IsGreaterThan(0.95, metrics.AreaUnderRocCurve);
        Assert.IsGreaterThan(0.9, metrics.Accuracy);
    }

    [TestMethod]
    public void TanhPerceptronIsALinearClassifierWithProbabilities()
    {
        var ml = new MLContext(1);
        var data = NeuralData.Blobs(ml);
        // red versus the rest is linearly separable.
        var binary = ml.Transforms.CustomMapping((NeuralData.ClassRow r, BoolLabel b) => b.Label = r.Class == "red", "red").Fit(data).Transform(data);
        var options = new NeuralEstimator.Options(NeuralTask.Binary)
        {
            OutputActivation = ActivationKind.Tanh,
            Training = new() { Epochs = 50, BatchSize = 16, Seed = 1, Optimizer = new(OptimizerKind.Sgd, 0.1) },
        };
        var scored = ml.BinaryClassification.Trainers.Mlp(options).Fit(binary).Transform(binary);
        var metrics = ml.BinaryClassification.Evaluate(scored);
        Assert.IsGreaterThan(0.95, metrics.Accuracy);
        foreach (var (score, probability) in scored.GetColumn<float>("Score").Zip(scored.GetColumn<float>("Probability")))
            Assert.AreEqual((score + 1) / 2, probability, 1e-6, "tanh output t is read as probability (t + 1) / 2");
    }

    [TestMethod]
    public void MulticlassOutputsAKeyPredictionThatMlNetEvaluates()
    {
        var ml = new MLContext(1);
        var data = NeuralData.Blobs(ml);
        var options = new NeuralEstimator.Options(NeuralTask.Multiclass)
        {
            LabelColumnName = "LabelKey", Hidden = [16],
            Training = new() { Epochs = 60, BatchSize = 32, Seed = 1, Optimizer = new(OptimizerKind.Momentum, 0.05), Schedule = new(ScheduleKind.Cosine) },
        };
        var model = ml.MulticlassClassification.Trainers.Mlp(options).FitNetwork(data);
        var scored = model.Transform(data);

        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, 3), scored.Schema["Score"].Type);
        Assert.AreEqual(scored.Schema["LabelKey"].Type, scored.Schema["PredictedLabel"].Type);
        VBuffer<ReadOnlyMemory<char>> names = default;
        scored.Schema["PredictedLabel"].GetKeyValues(ref names);
        CollectionAssert.AreEqual(new[] { "red", "green", "blue" }, names.DenseValues().Select(n => n.ToString()).ToArray());

        var metrics = ml.MulticlassClassification.Evaluate(scored, "LabelKey");
        Assert.IsGreaterThan(0.9, metrics.MicroAccuracy);
        foreach (var score in scored.GetColumn<float[]>("Score")) Assert.AreEqual(1, score.Sum(), 1e-5);
        // The cosine schedule went from the initial rate towards zero.
        Assert.AreEqual(0.05, model.History.LearningRates[0], 1e-12);
        Assert.IsLessThan(0.001, model.History.LearningRates[^1]);
    }

    [TestMethod]
    public void PredictionsAreIdenticalAfterSaveAndLoad()
    {
        var ml = new MLContext(1);
        var data = NeuralData.Blobs(ml);
        var options = new NeuralEstimator.Options(NeuralTask.Multiclass)
        {
            LabelColumnName = "LabelKey", Hidden = [8, 4], Activation = ActivationKind.LeakyRelu, Init = WeightInit.Kaiming,
            Training = new() { Epochs = 5, Seed = 1 },
        };
        var model = ml.MulticlassClassification.Trainers.Mlp(options).FitNetwork(data);
        var entries = new MemoryModelEntries();
        model.SaveTo(entries);
        CollectionAssert.AreEquivalent(new[] { NeuralTransformer.NetworkEntry, NetworkWeights.Entry }, entries.Names.ToArray());
        var loaded = (NeuralTransformer)PortableTransformers.Load(NeuralTransformer.Kind, entries);

        var before = model.Transform(data).GetColumn<float[]>("Score").SelectMany(s => s).ToArray();
        var after = loaded.Transform(data).GetColumn<float[]>("Score").SelectMany(s => s).ToArray();
        CollectionAssert.AreEqual(before, after);
        CollectionAssert.AreEqual(model.History.TrainLoss.ToArray(), loaded.History.TrainLoss.ToArray());
        var (saved, read) = ((NetworkArchitecture)model.Architecture, (NetworkArchitecture)loaded.Architecture);
        Assert.AreEqual(saved with { Hidden = [] }, read with { Hidden = [] });
        CollectionAssert.AreEqual(saved.Hidden.ToArray(), read.Hidden.ToArray());
    }

    [TestMethod]
    public void EarlyStoppingStopsAndRestoresTheBestEpoch()
    {
        var ml = new MLContext(1);
        var data = NeuralData.Regression(ml, rows: 100);
        var progress = new List<EpochProgress>();
        var options = new NeuralEstimator.Options(NeuralTask.Regression)
        {
            Hidden = [64],
            Training = new()
            {
                Epochs = 2000, BatchSize = 8, Seed = 1, ValidationFraction = 0.3, Optimizer = new(OptimizerKind.Adam, 0.01),
                EarlyStopping = new(Patience: 5, MinDelta: 1e-4, RestoreBest: true),
            },
        };
        var model = new NeuralEstimator(options, new Progress(progress)).FitNetwork(data);
        var history = model.History;
        Assert.IsTrue(history.StoppedEarly);
        Assert.IsLessThan(2000, history.Epochs);
        Assert.AreEqual(history.Epochs, history.ValidationLoss.Count);
        Assert.AreEqual(history.Epochs, progress.Count);
        // No later epoch beat the best by more than min_delta, and the patience ran out after it.
        double best = history.ValidationLoss[history.BestEpoch - 1];
        Assert.AreEqual(best, history.ValidationLoss.Take(history.BestEpoch).Min());
        Assert.IsTrue(history.ValidationLoss.Skip(history.BestEpoch).All(v => v >= best - 1e-4));
        Assert.AreEqual(history.BestEpoch + 5, history.Epochs);

        // Restoring gives exactly the weights of a run that simply stopped at the best epoch.
        float[] Weights(NeuralTransformer t) => t.Network.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();
        var stoppedAtBest = new NeuralEstimator(options with { Training = options.Training with { Epochs = history.BestEpoch, EarlyStopping = null } }).FitNetwork(data);
        CollectionAssert.AreEqual(Weights(stoppedAtBest), Weights(model));
        var notRestored = new NeuralEstimator(options with { Training = options.Training with { EarlyStopping = options.Training.EarlyStopping! with { RestoreBest = false } } }).FitNetwork(data);
        CollectionAssert.AreNotEqual(Weights(model), Weights(notRestored));
    }

    private sealed class Progress(List<EpochProgress> seen) : IProgress<EpochProgress>
    {
        public void Report(EpochProgress value) => seen.Add(value);
    }

    private sealed class BoolLabel
    {
        public bool Label { get; set; }
    }
}
