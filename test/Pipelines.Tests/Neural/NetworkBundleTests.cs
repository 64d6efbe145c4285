using System.IO.Compression;
using System.Text.Json;
using DeepLearning.Pipelines.Bundle;
using DeepLearning.Pipelines.Prediction;
using DeepLearning.Pipelines.Running;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Tests.Neural;

/// <summary>A network's bundle: architecture JSON and raw weights under torch/, read back to the same predictions.</summary>
[TestClass]
public sealed class NetworkBundleTests
{
    private static (string Path, TrainResult Result) TrainIris(TempDir dir)
    {
        var path = dir.File("iris-mlp.zip");
        var result = new PipelineTrainer().Train(SpecLoader.Load(Repo.Example("iris-mlp.yaml"), ["trainer.epochs=20", "evaluate.cross_validation=0"]), path);
        return (path, result);
    }

    [TestMethod]
    public void TheNetworkIsSavedAsArchitectureJsonAndRawWeightsUnderTorch()
    {
        using var dir = new TempDir();
        var (path, trained) = TrainIris(dir);
        using (var zip = ZipFile.OpenRead(path))
        {
            Assert.IsNotNull(zip.GetEntry("torch/network.json"));
            var weights = zip.GetEntry("torch/weights.bin")!;
            using var json = JsonDocument.Parse(zip.GetEntry("torch/network.json")!.Open());
            var shapes = json.RootElement.GetProperty("Weights").EnumerateArray()
                .Select(w => w.GetProperty("Shape").EnumerateArray().Aggregate(1L, (n, d) => n * d.GetInt64())).ToList();
            Assert.AreEqual(4 * shapes.Sum(), weights.Length, "four bytes per value, nothing else");
            Assert.AreEqual("dense", json.RootElement.GetProperty("Architecture").GetProperty("type").GetString());
        }
        Assert.AreEqual("torch/", ModelBundle.ReadManifest(path).Head!.Entry);

        var rows = new[] { (5.1, 3.5, 1.4, 0.2), (6.7, 3.0, 5.2, 2.3), (5.9, 3.0, 4.2, 1.5) }.Select(r => new Dictionary<string, object?>
        {
            ["sepal_length_cm"] = r.Item1, ["sepal_width_cm"] = r.Item2, ["petal_length_cm"] = r.Item3, ["petal_width_cm"] = r.Item4,
        }).ToList();
        var loaded = PipelineModel.Load(path);
        foreach (var row in rows)
            CollectionAssert.AreEqual(trained.Model.Predict(row).Probabilities!.Values.ToArray(), loaded.Predict(row).Probabilities!.Values.ToArray());
    }

    [TestMethod]
    public void TruncatedWeightsAreAClearModelError()
    {
        using var dir = new TempDir();
        var (path, _) = TrainIris(dir);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("torch/weights.bin")!;
            byte[] bytes;
            using (var stream = entry.Open()) { using var copy = new MemoryStream(); stream.CopyTo(copy); bytes = copy.ToArray(); }
            entry.Delete();
            using var shorter = zip.CreateEntry("torch/weights.bin").Open();
            shorter.Write(bytes, 0, bytes.Length - 8);
        }
        var error = Assert.ThrowsExactly<ModelException>(() => PipelineModel.Load(path));
        StringAssert.Contains(error.Message, "torch/");
        StringAssert.Contains(error.Message, path);
    }
}
