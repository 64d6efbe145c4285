using DeepLearning.Pipelines.Bundle;
using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Running;
using DeepLearning.Pipelines.Spec;
using DeepLearning.Trainers.Training;

namespace DeepLearning.Pipelines.Tests.Neural;

/// <summary><c>checkpoint_every</c> and resume: a run killed after a checkpoint continues to the same model, a
/// checkpoint of another spec or data is refused, and a finished run leaves no checkpoint behind.</summary>
[TestClass]
public sealed class ResumeTests
{
    /// <summary>Synchronous (unlike <see cref="Progress{T}"/>), so the lines are there when Train returns.</summary>
    private sealed class Lines : IProgress<string>
    {
        public List<string> All { get; } = [];
        public void Report(string value) => All.Add(value);
    }

    /// <summary>Stands in for a killed process: throws as epoch <see cref="at"/> of the final fit reports.</summary>
    private sealed class KillAt(int at) : IProgress<EpochProgress>
    {
        public void Report(EpochProgress value)
        {
            if (value.Epoch == at) throw new OperationCanceledException($"killed at epoch {at}");
        }
    }

    // Cross-validation stays on: its folds must neither write nor read the checkpoint.
    private static readonly string[] Eight = ["trainer.epochs=8", "trainer.checkpoint_every=4", "evaluate.cross_validation=3"];

    private static LoadedSpec Spec(params string[] extra) => SpecLoader.Load(Repo.Example("iris-mlp.yaml"), [.. Eight, .. extra]);

    private static string KilledRun(string dir, params string[] extra)
    {
        var model = Path.Combine(dir, "iris.zip");
        Assert.Throws<OperationCanceledException>(() => new PipelineTrainer(epochs: new KillAt(6)).Train(Spec(extra), model));
        Assert.IsTrue(File.Exists(model + ".checkpoint"), "the epoch-4 checkpoint outlived the kill");
        Assert.IsFalse(File.Exists(model), "no bundle from a killed run");
        return model;
    }

    private static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "dlp-resume-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    [TestMethod]
    public void A_killed_run_resumes_to_the_model_of_an_uninterrupted_run()
    {
        var dir = TempDir();
        try
        {
            var straight = new PipelineTrainer().Train(Spec(), Path.Combine(dir, "straight.zip"));
            Assert.IsFalse(File.Exists(Path.Combine(dir, "straight.zip.checkpoint")), "deleted after the bundle was written");

            var model = KilledRun(dir);
            var lines = new Lines();
            var resumed = new PipelineTrainer(progress: lines).Train(Spec(), model, resume: true);

            Assert.Contains(l => l.StartsWith("resuming from epoch 4", StringComparison.Ordinal), lines.All, string.Join("\n", lines.All));
            Assert.HasCount(8, resumed.Manifest.TrainingHistory!.Epochs);
            Assert.HasCount(8, resumed.TrainLoss!);
            for (int e = 0; e < 8; e++)
                Assert.AreEqual(straight.TrainLoss![e], resumed.TrainLoss![e], 1e-5, $"train loss of epoch {e + 1}");
            foreach (var (name, value) in straight.Manifest.Metrics.Metrics)
                Assert.AreEqual(value, resumed.Manifest.Metrics.Metrics[name], 1e-5, name);
            Assert.HasCount(8, ModelBundle.ReadManifest(model).TrainingHistory!.Epochs, "the bundle's training_history");
            Assert.IsFalse(File.Exists(model + ".checkpoint"), "deleted after the bundle was written");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [TestMethod]
    public void More_epochs_may_follow_a_checkpoint()
    {
        var dir = TempDir();
        try
        {
            var model = KilledRun(dir);
            var resumed = new PipelineTrainer().Train(Spec("trainer.epochs=10"), model, resume: true);
            Assert.HasCount(10, resumed.TrainLoss!);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [TestMethod]
    public void A_checkpoint_of_another_spec_is_refused_naming_the_key()
    {
        var dir = TempDir();
        try
        {
            var model = KilledRun(dir);
            var e = Assert.Throws<SpecException>(() => new PipelineTrainer().Train(Spec("trainer.hidden=[32]"), model, resume: true));
            Assert.AreEqual("trainer.hidden", e.Errors[0].Path);
            StringAssert.Contains(e.Errors[0].Message, "was written for a different spec: trainer.hidden differ(s)");
            Assert.IsTrue(File.Exists(model + ".checkpoint"), "a refused resume keeps the checkpoint");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [TestMethod]
    public void A_checkpoint_of_other_data_is_refused()
    {
        var dir = TempDir();
        try
        {
            // The same path (so the same spec) and one changed measurement: a different file by hash.
            var csv = File.ReadAllLines(Repo.Dataset("iris/iris.csv"));
            var copy = Path.Combine(dir, "iris.csv");
            File.WriteAllLines(copy, csv);
            var model = KilledRun(dir, $"data.train={copy}");
            File.WriteAllLines(copy, [csv[0], ReplaceFirstNumber(csv[1]), .. csv[2..]]);
            var e = Assert.Throws<DataException>(() => new PipelineTrainer().Train(Spec($"data.train={copy}"), model, resume: true));
            StringAssert.Contains(e.Message, "was written for different training data");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [TestMethod]
    public void Resume_without_a_checkpoint_trains_from_scratch_with_a_note()
    {
        var dir = TempDir();
        try
        {
            var lines = new Lines();
            var model = Path.Combine(dir, "fresh.zip");
            var result = new PipelineTrainer(progress: lines).Train(Spec(), model, resume: true);
            Assert.Contains(l => l.StartsWith("no checkpoint at", StringComparison.Ordinal) && l.EndsWith("training from scratch", StringComparison.Ordinal), lines.All);
            Assert.HasCount(8, result.TrainLoss!);
            Assert.IsFalse(File.Exists(model + ".checkpoint"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static string ReplaceFirstNumber(string line)
    {
        var cells = line.Split(',');
        cells[0] = cells[0] == "5.1" ? "5.2" : "5.1";
        return string.Join(',', cells);
    }
}
