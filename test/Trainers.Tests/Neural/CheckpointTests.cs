using DeepLearning.Trainers.Estimators;
using DeepLearning.Trainers.Optimization;
using DeepLearning.Trainers.Training;
using Microsoft.ML;

namespace DeepLearning.Trainers.Tests.Neural;

/// <summary>A run resumed from a checkpoint ends where an uninterrupted run ends: same weights, same history.</summary>
[TestClass]
public sealed class CheckpointTests
{
    /// <summary>Keeps the last checkpoint in memory.</summary>
    private sealed class MemoryStore : ICheckpointStore
    {
        public Checkpoint? Last { get; private set; }
        public int Saves { get; private set; }
        public void Save(Checkpoint checkpoint) => (Last, Saves) = (checkpoint, Saves + 1);
        public Checkpoint? Load() => Last;
    }

    /// <summary>Stands in for a killed process: throws as epoch <see cref="at"/> reports, after earlier checkpoints were saved.</summary>
    private sealed class KillAt(int at) : IProgress<EpochProgress>
    {
        public void Report(EpochProgress value)
        {
            if (value.Epoch == at) throw new OperationCanceledException($"killed at epoch {at}");
        }
    }

    // Everything that carries state across epochs: Adam's moments, dropout's generator, shuffling, a validation
    // split and early stopping's best weights (patience high enough that all 8 epochs run).
    private static NeuralEstimator.Options Options(int epochs, ICheckpointStore? store, int every) => new(NeuralTask.Binary)
    {
        Hidden = [8],
        Dropout = 0.2,
        Training = new()
        {
            Epochs = epochs, BatchSize = 16, Shuffle = true, Seed = 7, ValidationFraction = 0.2, Device = DeepLearning.Trainers.Devices.DeviceRequest.Cpu,
            Optimizer = new(OptimizerKind.Adam, 0.01),
            EarlyStopping = new(100, 0, true),
            CheckpointEvery = every, Checkpoints = store,
        },
    };

    private static NeuralTransformer Fit(NeuralEstimator.Options options, IProgress<EpochProgress>? progress = null)
    {
        var ml = new MLContext(1);
        return new NeuralEstimator(options, progress).FitNetwork(NeuralData.Circle(ml));
    }

    private static void AssertSame(NeuralTransformer expected, NeuralTransformer actual)
    {
        Assert.AreEqual(expected.History.Epochs, actual.History.Epochs);
        for (int e = 0; e < expected.History.Epochs; e++)
        {
            Assert.AreEqual(expected.History.TrainLoss[e], actual.History.TrainLoss[e], 1e-5, $"train loss of epoch {e + 1}");
            Assert.AreEqual(expected.History.ValidationLoss[e], actual.History.ValidationLoss[e], 1e-5, $"validation loss of epoch {e + 1}");
            Assert.AreEqual(expected.History.LearningRates[e], actual.History.LearningRates[e], 1e-12);
        }
        Assert.AreEqual(expected.History.BestEpoch, actual.History.BestEpoch);
        var a = expected.Network.parameters().Select(p => p.data<float>().ToArray()).ToList();
        var b = actual.Network.parameters().Select(p => p.data<float>().ToArray()).ToList();
        Assert.HasCount(a.Count, b);
        for (int i = 0; i < a.Count; i++)
        {
            Assert.HasCount(a[i].Length, b[i]);
            for (int j = 0; j < a[i].Length; j++) Assert.AreEqual(a[i][j], b[i][j], 1e-5, $"parameter {i}[{j}]");
        }
    }

    [TestMethod]
    public void A_run_killed_after_a_checkpoint_resumes_to_the_same_weights()
    {
        var straight = Fit(Options(8, null, 0));

        var store = new MemoryStore();
        Assert.Throws<OperationCanceledException>(() => Fit(Options(8, store, 4), new KillAt(6)));
        Assert.AreEqual(4, store.Last!.Epoch, "the epoch-4 checkpoint survived the kill");
        Assert.HasCount(4, store.Last.TrainLoss);
        Assert.IsGreaterThan(0, store.Last.OptimizerState.Length, "Adam's moments are in the checkpoint");

        var resumed = Fit(Options(8, store, 4));
        Assert.AreEqual(2, store.Saves, "the resumed run saved again at epoch 8");
        AssertSame(straight, resumed);
    }

    [TestMethod]
    public void Four_epochs_then_a_resume_to_eight_equal_eight_straight()
    {
        var straight = Fit(Options(8, null, 0));
        var store = new MemoryStore();
        _ = Fit(Options(4, store, 4));
        Assert.AreEqual(4, store.Last!.Epoch);
        var resumed = Fit(Options(8, store, 0));
        AssertSame(straight, resumed);
    }

    [TestMethod]
    public void A_checkpoint_beyond_the_planned_epochs_is_an_error()
    {
        var store = new MemoryStore();
        _ = Fit(Options(6, store, 6));
        var e = Assert.Throws<ArgumentException>(() => Fit(Options(4, store, 0)));
        StringAssert.Contains(e.Message, "epoch 6, beyond the 4 epoch(s) planned");
    }

    [TestMethod]
    public void Negative_checkpoint_every_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Options(4, null, -1).Training.Validate());
        StringAssert.Contains(e.Message, "checkpoint_every");
    }
}
