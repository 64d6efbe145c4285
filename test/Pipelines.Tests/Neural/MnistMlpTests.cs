using DeepLearning.Pipelines.Running;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Tests.Neural;

/// <summary>The benchmark's model (examples/mnist-mlp.yaml, issue #4) learns real-sized data as well as the same
/// model in PyTorch: datasets/mnist_10k/SOURCE.md quotes 0.936 test accuracy for it.</summary>
[TestClass]
public sealed class MnistMlpTests
{
    [TestMethod]
    public void MnistMlpReachesPyTorchAccuracy()
    {
        var result = new PipelineTrainer().Train(SpecLoader.Load(Repo.Example("mnist-mlp.yaml"), []), outputPath: null);
        var m = result.Manifest;
        Assert.AreEqual(8000, m.Provenance.TrainRows);
        Assert.AreEqual(2000, m.Provenance.TestRows);
        Assert.IsGreaterThanOrEqualTo(0.93, m.Metrics.Metrics["micro_accuracy"]);
        // 8,000 rows in batches of 64 for 10 epochs: the speed figure bench/run.sh reads counts every step.
        Assert.AreEqual(10 * 125L, m.TrainingHistory!.Steps);
    }
}
