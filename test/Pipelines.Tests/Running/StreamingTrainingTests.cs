using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Drift;
using DeepLearning.Pipelines.Prediction;
using DeepLearning.Pipelines.Running;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Tests.Running;

/// <summary><c>data.streaming: true</c> trains the model the loaded path trains, recovers the generator's truth,
/// profiles the data as the loaded path does, and refuses what it cannot do with a spec error.</summary>
[TestClass]
public sealed class StreamingTrainingTests
{
    private readonly TempDir temp = new();

    [TestCleanup]
    public void Cleanup() => temp.Dispose();

    private string Spec(string body, string name = "spec.yaml")
    {
        var path = temp.File(name);
        File.WriteAllText(path, body);
        return path;
    }

    private string Generate(string name, MlTask task, int rows, int seed, int features = 5)
    {
        var path = temp.File(name);
        SyntheticData.Write(path, new SyntheticOptions(task, features, seed, rows, null));
        return path;
    }

    private static TrainResult Train(string spec, params string[] overrides) =>
        new PipelineTrainer().Train(SpecLoader.Load(spec, overrides), outputPath: null);

    [TestMethod]
    public void SdcaOnAStreamedFileGivesTheLoadedPathsModelOnTheSameRows()
    {
        // One generated file (one truth) cut in two: 6 000 training rows, 2 000 test rows.
        var lines = File.ReadAllLines(Generate("all.csv", MlTask.Regression, 8_000, seed: 1));
        File.WriteAllLines(temp.File("train.csv"), lines[..6_001]);
        File.WriteAllLines(temp.File("test.csv"), [lines[0], .. lines[6_001..]]);
        var spec = Spec("""
            name: same
            task: regression
            data: { train: train.csv, test: test.csv }
            label: y
            trainer: { name: sdca, max_iterations: 10, threads: 1 }
            """);

        var loaded = Train(spec);
        var streamed = Train(spec, "data.streaming=true");

        Assert.AreEqual(loaded.Manifest.Provenance.TrainRows, streamed.Manifest.Provenance.TrainRows);
        Assert.AreEqual(loaded.Manifest.Provenance.TestRows, streamed.Manifest.Provenance.TestRows);
        Assert.AreEqual(loaded.Manifest.Provenance.TrainData!.Sha256, streamed.Manifest.Provenance.TrainData!.Sha256);
        // Same rows, same featurisation, one SDCA thread. Not bit-identical: the loaded path's cache lets SDCA shuffle
        // the rows each epoch, a streamed file is read in file order; both converge to the same least-squares fit.
        var a = loaded.Manifest.Metrics.Metrics;
        var b = streamed.Manifest.Metrics.Metrics;
        Assert.IsGreaterThan(0.99, a["r_squared"]);
        Assert.AreEqual(a["r_squared"], b["r_squared"], 1e-4);
        Assert.AreEqual(a["rmse"], b["rmse"], 0.01 * a["rmse"]);
        Assert.AreEqual(loaded.Manifest.Metrics.Rows, streamed.Manifest.Metrics.Rows);
    }

    [TestMethod]
    public void StreamedSdcaRecoversTheGeneratorsLinearRule()
    {
        // y = b + w·x + N(0, 0.1²): a model that found w and b predicts with an RMSE of the noise, 0.1.
        Generate("reg.csv", MlTask.Regression, 20_000, seed: 3, features: 10);
        var result = Train(Spec("""
            name: truth
            task: regression
            data: { train: reg.csv, streaming: true, split: { test_fraction: 0.25 } }
            label: y
            trainer: { name: sdca, max_iterations: 20, threads: 1 }
            """));

        var m = result.Manifest.Metrics.Metrics;
        Assert.IsTrue(m["rmse"] is > 0.09 and < 0.12, $"rmse {m["rmse"]}");
        Assert.IsGreaterThan(0.99, m["r_squared"]);
        Assert.AreEqual(20_000, result.Manifest.Provenance.TrainRows + result.Manifest.Provenance.TestRows);
        Assert.IsLessThan(4 * Math.Sqrt(20_000 * 0.25 * 0.75), Math.Abs(result.Manifest.Provenance.TestRows - 5_000));
        // The test metrics were computed over every test row, streamed.
        Assert.AreEqual(result.Manifest.Provenance.TestRows, result.Manifest.Metrics.Rows);
    }

    [TestMethod]
    [DataRow(MlTask.Binary, "sdca_logistic", "accuracy")]
    [DataRow(MlTask.Multiclass, "sdca_maximum_entropy", "micro_accuracy")]
    public void StreamedClassificationMatchesTheLoadedPathWithinSamplingError(MlTask task, string trainer, string metric)
    {
        Generate("data.csv", task, 10_000, seed: 4);
        var taskName = SnakeCase.Of(task);
        var spec = Spec($$"""
            name: classes
            task: {{taskName}}
            data: { train: data.csv, split: { stratify: false } }
            label: y
            trainer: { name: {{trainer}}, max_iterations: 10, threads: 1 }
            """);

        var loaded = Train(spec).Manifest.Metrics.Metrics[metric];
        var streamed = Train(spec, "data.streaming=true");

        // Different (hashed vs shuffled) 2 000 test rows: the accuracies agree within a few binomial σ.
        Assert.AreEqual(loaded, streamed.Manifest.Metrics.Metrics[metric], 0.03, $"{metric}: loaded {loaded}");
        Assert.IsGreaterThan(0.9, streamed.Manifest.Metrics.Metrics[metric]);
        Assert.IsNotNull(streamed.Manifest.Classes);
        Assert.AreEqual(task == MlTask.Binary ? 2 : 3, streamed.Manifest.Classes!.Count);
        // The holdout handed to plots, reports and drift checks is a bounded sample of the test rows.
        Assert.IsTrue(streamed.Holdout.Inputs.RowCount is > 0 and <= StreamingScan.SampleRows);
    }

    [TestMethod]
    public void StreamedMlpLearnsTheGeneratorsRuleFromMiniBatchesReadOffTheFile()
    {
        Generate("reg.csv", MlTask.Regression, 6_000, seed: 8);
        var result = Train(Spec("""
            name: mlp
            task: regression
            data: { train: reg.csv, streaming: true }
            label: y
            trainer: { name: mlp, hidden: [16], epochs: 15, batch_size: 64, cache: stream, shuffle_buffer: 512, threads: 1, optimizer: { name: adam, learning_rate: 0.01 } }
            """));

        Assert.IsGreaterThan(0.99, result.Manifest.Metrics.Metrics["r_squared"]);
        Assert.AreEqual(result.Manifest.Provenance.TestRows, result.Manifest.Metrics.Rows);
        Assert.IsNotNull(result.Manifest.TrainingHistory);
    }

    [TestMethod]
    public void ProfileOfAStreamedFileEqualsTheLoadedProfile()
    {
        // Diabetes has fewer rows than the sample holds, so even the deciles are computed on every row.
        var spec = Spec($"""
            name: profile
            task: regression
            data: {"{"} train: {Repo.Dataset("diabetes/diabetes.csv")} {"}"}
            label: target
            trainer: {"{"} name: sdca, threads: 1 {"}"}
            """);
        var loaded = Train(spec).Manifest.Profile!;
        var streamed = Train(spec, "data.streaming=true").Manifest.Profile!;

        Assert.AreEqual(loaded.Rows, streamed.Rows);
        foreach (var (a, b) in loaded.Columns.Zip(streamed.Columns))
        {
            Assert.AreEqual(a.Name, b.Name);
            Assert.AreEqual(a.Count, b.Count, a.Name);
            Assert.AreEqual(a.Mean!.Value, b.Mean!.Value, 1e-9 * Math.Max(1, Math.Abs(a.Mean.Value)), a.Name);
            Assert.AreEqual(a.Std!.Value, b.Std!.Value, 1e-9 * Math.Max(1, a.Std.Value), a.Name);
            Assert.AreEqual(a.Min, b.Min, a.Name);
            Assert.AreEqual(a.Max, b.Max, a.Name);
            CollectionAssert.AreEqual(a.Deciles!.ToList(), b.Deciles!.ToList(), a.Name);
        }
    }

    [TestMethod]
    public void StreamedBundleLoadsAndPredictsAsTheTrainedModel()
    {
        Generate("reg.csv", MlTask.Regression, 3_000, seed: 5);
        var spec = SpecLoader.Load(Spec("""
            name: bundle
            task: regression
            data: { train: reg.csv, streaming: true }
            label: y
            trainer: { name: sdca, threads: 1 }
            """));
        var output = temp.File("model.zip");
        var result = new PipelineTrainer().Train(spec, output);

        var model = PipelineModel.Load(output);
        var inputs = TableLoader.Load(temp.File("reg.csv"), TempDirectoryOptions());
        var fromBundle = model.Predict(inputs).Select(p => p.Value).ToArray();
        var inProcess = result.Model.Predict(inputs).Select(p => p.Value).ToArray();
        CollectionAssert.AreEqual(inProcess, fromBundle);
        Assert.AreEqual(DataSource.Sha256(temp.File("reg.csv")), model.Manifest.Provenance.TrainData!.Sha256);
    }

    private static ReadOptions TempDirectoryOptions() => ReadOptions.From(new DataSpec());

    [TestMethod]
    public void WhatStreamingCannotDoIsASpecErrorNamingTheKey()
    {
        Generate("bin.csv", MlTask.Binary, 100, seed: 6);
        var e = Assert.ThrowsExactly<SpecException>(() => SpecLoader.Load(Spec("""
            name: refused
            task: binary
            data: { train: bin.csv, streaming: true }
            label: y
            trainer: { name: fasttree }
            evaluate: { cross_validation: 5 }
            """)));

        var paths = e.Errors.Select(x => x.Path).ToList();
        CollectionAssert.Contains(paths, "trainer.name");
        CollectionAssert.Contains(paths, "evaluate.cross_validation");
        CollectionAssert.Contains(paths, "data.split.stratify");
        StringAssert.Contains(e.Errors.First(x => x.Path == "trainer.name").Message, "allowed with data.streaming: true: sdca");

        var clustering = Assert.ThrowsExactly<SpecException>(() => SpecLoader.Load(Spec("""
            name: refused
            task: clustering
            data: { train: bin.csv, streaming: true }
            trainer: { name: kmeans, k: 2 }
            """, "clustering.yaml")));
        CollectionAssert.Contains(clustering.Errors.Select(x => x.Path).ToList(), "task");
    }

    [TestMethod]
    public void BadRowDeepInAStreamedFileFailsBeforeAnythingIsWritten()
    {
        var path = Generate("bad.csv", MlTask.Regression, 30_000, seed: 7, features: 3);
        var lines = File.ReadAllLines(path);
        lines[28_000] = "1.0,oops,2.0,3.0";
        File.WriteAllLines(path, lines);
        var spec = SpecLoader.Load(Spec("""
            name: bad
            task: regression
            data: { train: bad.csv, streaming: true }
            label: y
            trainer: { name: sdca }
            """));
        var output = Path.Combine(temp.File("out"), "model.zip");
        Directory.CreateDirectory(temp.File("out"));

        var e = Assert.ThrowsExactly<DataException>(() => new PipelineTrainer().Train(spec, output));
        Assert.AreEqual(28_001, e.Line);
        StringAssert.Contains(e.Message, "'x2' (#2)");
        Assert.IsEmpty(Directory.GetFileSystemEntries(temp.File("out")));
    }
}
