using DeepLearning.Pipelines.Running;
using DeepLearning.Pipelines.Spec;
using DeepLearning.Pipelines.Trainers;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;

namespace DeepLearning.Pipelines.Tests.Trainers;

/// <summary>`lightgbm` stops when the held-out rows stop improving: by default above 10,000 training rows (as
/// scikit-learn's HistGradientBoosting), never below unless the spec asks.</summary>
[TestClass]
public sealed class LightGbmEarlyStoppingTests
{
    private const string Shuttle = """
        name: shuttle-lightgbm
        task: multiclass
        data:
          train: {0}
          split: {{ column: split, test_values: [test] }}
          columns: {{ class_name: ignore }}
        label: class_id
        trainer: {{ name: lightgbm, iterations: 60, leaves: 31, min_rows_per_leaf: 20, learning_rate: 0.1 }}
        seed: 42
        """;

    /// <summary>Fits the shuttle spec (43,500 training rows, 7 classes) with <paramref name="overrides"/>; returns the
    /// boosting rounds the model holds and its test accuracy.</summary>
    private static (int Rounds, double Accuracy) FitShuttle(params string[] overrides)
    {
        using var dir = new TempDir();
        var path = dir.File("shuttle.yaml");
        File.WriteAllText(path, string.Format(Shuttle, Repo.Dataset("shuttle/shuttle.csv")));
        var loaded = SpecLoader.Load(path, overrides);
        var data = new PipelineTrainer().Prepare(loaded);
        var fitter = new PipelineFitter(loaded.Spec, TrainerCatalog.Default.Find("lightgbm")!, data.Features);
        var (fit, test) = PipelineTrainer.HoldoutSplit(loaded.Spec, data);
        Assert.IsGreaterThan(10_000, fit.Length);
        var model = fitter.Fit(data.Train, fit).Model;
        double accuracy = model.Evaluate(data.Test ?? data.Train, test).Metrics["micro_accuracy"];
        return (Rounds(model.Chain), accuracy);
    }

    /// <summary>LightGBM's multiclass model is one tree per class per round, kept as one binary model per class
    /// (ML.NET keeps that list internal, hence reflection: a rename there fails this loudly).</summary>
    private static int Rounds(ITransformer chain)
    {
        var trainer = ((IEnumerable<ITransformer>)chain).OfType<MulticlassPredictionTransformer<OneVersusAllModelParameters>>().Single();
        var property = typeof(OneVersusAllModelParameters).GetProperty("SubModelParameters", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)
            ?? throw new AssertFailedException("ML.NET's OneVersusAllModelParameters has no SubModelParameters any more");
        var models = ((System.Collections.IEnumerable)property.GetValue(trainer.Model)!).Cast<object>();
        var perClass = models.Select(m => m switch
        {
            CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator> c => c.SubModel,
            LightGbmBinaryModelParameters b => b,
            _ => throw new AssertFailedException($"unexpected per-class model {m.GetType()}"),
        }).Select(b => b.TrainedTreeEnsemble.Trees.Count).Distinct().ToList();
        Assert.HasCount(1, perClass, "every class has as many trees as rounds");
        return perClass[0];
    }

    [TestMethod]
    public void StopsEarlyByDefaultAboveTenThousandRowsAtEqualAccuracy()
    {
        var (allRounds, allAccuracy) = FitShuttle("trainer.early_stopping_rounds=0");
        var (stoppedRounds, stoppedAccuracy) = FitShuttle();
        Assert.AreEqual(60, allRounds);
        Assert.IsLessThan(allRounds, stoppedRounds, "the default stops before the last round on 43,500 rows");
        Assert.IsGreaterThanOrEqualTo(allAccuracy - 0.01, stoppedAccuracy);
    }

    [TestMethod]
    public void SameSeedHoldsOutTheSameRows() =>
        Assert.AreEqual(FitShuttle("trainer.early_stopping_rounds=3"), FitShuttle("trainer.early_stopping_rounds=3"));

    [TestMethod]
    public void DefaultIsOffOnSmallSetsAndFollowsTheSpec()
    {
        var options = new LightGbmOptions();
        Assert.AreEqual(0, options.StoppingRoundsFor(10_000));
        Assert.AreEqual(LightGbmOptions.DefaultEarlyStoppingRounds, options.StoppingRoundsFor(10_001));
        Assert.AreEqual(4, (options with { EarlyStoppingRounds = 4 }).StoppingRoundsFor(150));
        Assert.AreEqual(0, (options with { EarlyStoppingRounds = 0 }).StoppingRoundsFor(1_000_000));
    }

    [TestMethod]
    public void AHoldOutOfNoRowIsASpecErrorAtItsKey()
    {
        var error = Assert.ThrowsExactly<SpecException>(() =>
            Examples.Train("iris-maximum-entropy.yaml", "trainer.name=lightgbm", "trainer.early_stopping_rounds=5", "trainer.validation_fraction=0.001"));
        StringAssert.Contains(error.Message, "trainer.validation_fraction");
        StringAssert.Contains(error.Message, "0.001");
    }
}
