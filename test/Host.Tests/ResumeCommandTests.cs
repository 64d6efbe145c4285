using DeepLearning.Host.Tests.Support;
using DeepLearning.Pipelines.Running;
using DeepLearning.Pipelines.Spec;
using DeepLearning.Trainers.Training;

namespace DeepLearning.Host.Tests;

/// <summary><c>dlp train --resume</c> after a killed run: continues to the planned epochs, refuses another spec
/// with exit 2, and removes the checkpoint once the bundle is written.</summary>
[TestClass, TestCategory("e2e")]
public sealed class ResumeCommandTests
{
    private static readonly string Spec = Path.Combine(RepoPaths.Examples, "iris-mlp.yaml");

    /// <summary>Stands in for a killed process: throws as epoch 3 reports, after the epoch-2 checkpoint was saved.</summary>
    private sealed class KillAtThree : IProgress<EpochProgress>
    {
        public void Report(EpochProgress value)
        {
            if (value.Epoch == 3) throw new OperationCanceledException("killed");
        }
    }

    /// <summary>A 4-epoch run that dies in epoch 3, leaving the epoch-2 checkpoint.</summary>
    private static string KilledRun(TempDir dir)
    {
        var model = dir.Path("iris.zip");
        var loaded = SpecLoader.Load(Spec, ["trainer.epochs=4", "trainer.checkpoint_every=2", "evaluate.cross_validation=0"]);
        Assert.Throws<OperationCanceledException>(() => new PipelineTrainer(epochs: new KillAtThree()).Train(loaded, model));
        Assert.IsTrue(File.Exists(model + ".checkpoint"));
        return model;
    }

    [TestMethod]
    public void Resume_with_more_epochs_continues_to_eight_and_removes_the_checkpoint()
    {
        using var dir = new TempDir();
        var model = KilledRun(dir);
        // epochs is outside the checkpoint's spec hash, so a resume may plan more of them.
        var result = Dlp.Succeed(dir, "train", Spec, "--output", model, "--resume", "--json",
            "--set", "trainer.epochs=8", "--set", "trainer.checkpoint_every=2", "--set", "evaluate.cross_validation=0");
        var json = Dlp.ParseObject(result.StdOut);
        Assert.AreEqual(2, json["resumed_from_epoch"]!.GetValue<int>(), "--json is quiet on stderr; the JSON says where it resumed");
        var history = json["training_history"]!;
        Assert.HasCount(8, history["epochs"]!.AsArray(), result.ToString());
        Assert.HasCount(8, Dlp.Inspect(dir, model)["training_history"]!["train_loss"]!.AsArray(), "the bundle's history");
        Assert.IsFalse(File.Exists(model + ".checkpoint"), "removed after the bundle was written");
    }

    [TestMethod]
    public void Resume_prints_the_epoch_it_continues_after()
    {
        using var dir = new TempDir();
        var model = KilledRun(dir);
        var result = Dlp.Succeed(dir, "train", Spec, "--output", model, "--resume",
            "--set", "trainer.epochs=4", "--set", "trainer.checkpoint_every=2", "--set", "evaluate.cross_validation=0");
        Assert.Contains("resuming from epoch 2", result.StdErr, result.ToString());
    }

    [TestMethod]
    public void Resume_with_another_spec_exits_2_naming_the_key()
    {
        using var dir = new TempDir();
        var model = KilledRun(dir);
        var result = Dlp.Run(dir, "train", Spec, "--output", model, "--resume",
            "--set", "trainer.epochs=4", "--set", "trainer.checkpoint_every=2", "--set", "evaluate.cross_validation=0", "--set", "trainer.batch_size=8");
        Assert.AreEqual(2, result.ExitCode, result.ToString());
        Assert.Contains("trainer.batch_size", result.StdOut + result.StdErr);
        Assert.Contains("different spec", result.StdOut + result.StdErr);
        Dlp.AssertNoStackTrace(result);
        Assert.IsTrue(File.Exists(model + ".checkpoint"), "a refused resume keeps the checkpoint");
    }

    [TestMethod]
    public void Resume_without_a_checkpoint_trains_from_scratch_with_a_note()
    {
        using var dir = new TempDir();
        var model = dir.Path("fresh.zip");
        var result = Dlp.Succeed(dir, "train", Spec, "--output", model, "--resume", "--set", "trainer.epochs=3", "--set", "evaluate.cross_validation=0");
        Assert.Contains("training from scratch", result.StdOut + result.StdErr);
        Assert.IsTrue(File.Exists(model));
    }
}
