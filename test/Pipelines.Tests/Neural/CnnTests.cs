using System.IO.Compression;
using DeepLearning.Pipelines.Prediction;
using DeepLearning.Pipelines.Running;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Tests.Neural;

/// <summary>The cnn trainer from specs: spec errors, a small MNIST subset learnt well above chance, and a saved model
/// that reads pixel CSVs as the training did.</summary>
[TestClass]
public sealed class CnnTests
{
    private static string Spec(string data, string trainer) => $$"""
        name: cnn-test
        task: multiclass
        data:
        {{data}}
        label: label
        trainer:
        {{trainer}}
        seed: 7
        """;

    private static SpecException Refused(string yaml, TempDir dir) =>
        Assert.ThrowsExactly<SpecException>(() => SpecLoader.Parse(yaml, dir.File("spec.yaml")));

    private const string Digits = "  train: ../digits.csv\n  image: { height: 8, width: 8, scale: 16 }";

    [TestMethod]
    public void KernelLargerThanTheImageIsASpecError()
    {
        using var dir = new TempDir();
        var error = Refused(Spec(Digits, "  name: cnn\n  blocks: [{ filters: 4 }, { filters: 4 }, { filters: 4, kernel: 5, padding: 0 }]"), dir);
        var e = error.Errors.Single();
        Assert.AreEqual("trainer.blocks[2].kernel", e.Path);
        StringAssert.Contains(e.Message, "kernel 5 is larger than the 2-pixel side");
        StringAssert.Contains(e.Message, "allowed: at most 2");
    }

    [TestMethod]
    public void ZeroFiltersAndUnknownPoolingAreSpecErrors()
    {
        using var dir = new TempDir();
        var errors = Refused(Spec(Digits, "  name: cnn\n  blocks: [{ filters: 0 }, { filters: 8, pool: maximum }]"), dir).Errors;
        var filters = errors.Single(e => e.Path == "trainer.blocks[0].filters");
        StringAssert.Contains(filters.Message, "received 0");
        var pool = errors.Single(e => e.Path == "trainer.blocks[1].pool");
        StringAssert.Contains(pool.Message, "'maximum'");
        StringAssert.Contains(pool.Message, "max");
    }

    [TestMethod]
    public void CnnWithoutImagesAndLabelsWithoutImagesAreSpecErrors()
    {
        using var dir = new TempDir();
        var errors = Refused(Spec("  train: ../digits.csv\n  train_labels: labels.gz", "  name: cnn"), dir).Errors;
        Assert.IsTrue(errors.Any(e => e.Path == "data.image" && e.Message.Contains("trainer 'cnn' needs images")), string.Join("\n", errors));
        Assert.IsTrue(errors.Any(e => e.Path == "data.train_labels"), string.Join("\n", errors));
    }

    [TestMethod]
    public void IdxImagesWithoutTheirLabelFileAreRefusedByKey()
    {
        using var dir = new TempDir();
        var spec = SpecLoader.Parse(Spec($"  train: {Repo.Dataset("mnist_10k/mnist_10k-images-idx3-ubyte.gz")}\n  image: {{ height: 28, width: 28 }}", "  name: cnn"), dir.File("spec.yaml"));
        var error = Assert.ThrowsExactly<SpecException>(() => new PipelineTrainer().Prepare(spec));
        Assert.AreEqual("data.train_labels", error.Errors.Single().Path);
        StringAssert.Contains(error.Message, "is an IDX image file, and its labels come from an IDX label file");
    }

    /// <summary>Every 20th row of mnist_10k from <paramref name="offset"/> (500 images, every digit).</summary>
    private static string Subset(TempDir dir, string name, int offset)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(Repo.Dataset("mnist_10k/mnist_10k.csv.gz")), CompressionMode.Decompress));
        var lines = new List<string> { reader.ReadLine()! };
        int i = 0;
        for (string? line; (line = reader.ReadLine()) is not null; i++) if (i % 20 == offset) lines.Add(line);
        var path = dir.File(name);
        File.WriteAllLines(path, lines);
        return path;
    }

    [TestMethod]
    public void SmallMnistSubsetLearnsWellAboveChanceAndTheBundleReadsPixelCsvs()
    {
        using var dir = new TempDir();
        var train = Subset(dir, "train.csv", 0);
        var test = Subset(dir, "test.csv", 10);
        var yaml = Spec($"  train: {train}\n  test: {test}\n  image: {{ height: 28, width: 28, scale: 255 }}",
            "  name: cnn\n  blocks: [{ filters: 8 }, { filters: 16 }]\n  dense: [32]\n  optimizer: { name: adam, learning_rate: 0.003 }\n  epochs: 4\n  batch_size: 16\n  shift: 1\n  device: cpu");
        var output = dir.File("model.zip");
        var trained = new PipelineTrainer().Train(SpecLoader.Parse(yaml, dir.File("spec.yaml")), output);

        double accuracy = trained.Manifest.Metrics.Metrics["micro_accuracy"];
        Assert.IsGreaterThanOrEqualTo(0.6, accuracy, "10 classes: chance is 0.1");
        Assert.AreEqual(4, trained.Model.TrainingHistory!.Epochs);
        Assert.AreEqual("image", trained.Manifest.InputSchema.Single().Name);
        Assert.AreEqual(ColumnKind.Image, trained.Manifest.InputSchema.Single().Kind);
        // The 784 pixels reach the trainer as one vector: no per-pixel normalisation step was added.
        Assert.IsFalse(trained.Manifest.Featurization.Any(s => s.Transform == "normalize"), string.Join(", ", trained.Manifest.Featurization.Select(s => s.Transform)));

        var loaded = PipelineModel.Load(output);
        using (var zip = ZipFile.OpenRead(output))
        using (var head = new StreamReader(zip.GetEntry("torch/network.json")!.Open()))
            StringAssert.Contains(head.ReadToEnd(), "\"type\":\"cnn\"", "the bundle names the kind of network");
        Assert.AreEqual(accuracy, loaded.Evaluate(test).Metrics["micro_accuracy"], "the loaded model reads the pixel CSV as training did");
        // One row given as raw pixels (as a service would send it) gets the batch's answer.
        var table = loaded.ReadData(test, withLabel: false);
        var batch = loaded.Predict(table);
        var raw = File.ReadLines(test).Skip(1).First().Split(',').Skip(1).Select(float.Parse).ToArray();
        var single = loaded.Predict(new Dictionary<string, object?> { ["image"] = raw });
        Assert.AreEqual(batch[0].Label, single.Label);
        Assert.AreEqual(batch[0].Probability!.Value, single.Probability!.Value, 1e-6);
        // dlp predict's path: the file scored in chunks, each chunk's pixels packed the same way.
        var scored = dir.File("scored.csv");
        Assert.AreEqual(500, BatchScorer.Score(loaded, test, scored, ["label"], chunkRows: 128));
        var lines = File.ReadAllLines(scored);
        Assert.HasCount(501, lines);
        CollectionAssert.AreEqual(batch.Select(p => p.Label).ToArray(), lines.Skip(1).Select(l => l.Split(',')[1]).ToArray());
        var wrong = Assert.ThrowsExactly<ArgumentException>(() => loaded.Predict(new Dictionary<string, object?> { ["image"] = raw[..100] }));
        StringAssert.Contains(wrong.Message, "an image of 1×28×28 = 784 pixels; received 100 value(s)");
    }
}
