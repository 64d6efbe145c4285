using DeepLearning.Host.Tests.Support;

namespace DeepLearning.Host.Tests;

/// <summary>A neural model's loss history reaches <c>train --json</c>, the bundle and <c>dlp inspect</c>.</summary>
[TestClass, TestCategory("e2e")]
public sealed class TrainingHistoryCommandTests
{
    [TestMethod]
    public void Train_json_and_inspect_show_the_loss_history()
    {
        using var dir = new TempDir();
        var (model, train) = Dlp.Train(dir, "iris-mlp.yaml", null, "--set", "evaluate.cross_validation=0", "--set", "trainer.epochs=7");

        var history = train["training_history"]!;
        Assert.HasCount(7, history["epochs"]!.AsArray(), train.ToJsonString());
        Assert.HasCount(7, history["train_loss"]!.AsArray());
        Assert.AreEqual("completed", history["stopped"]!.GetValue<string>());

        var manifest = Dlp.Inspect(dir, model);
        Assert.AreEqual(history.ToJsonString(), manifest["training_history"]!.ToJsonString());

        var text = Dlp.Succeed(dir, "inspect", model).StdOut;
        Assert.Contains("7 epoch(s), best epoch", text);
        Assert.Contains("final train loss", text);
    }
}
