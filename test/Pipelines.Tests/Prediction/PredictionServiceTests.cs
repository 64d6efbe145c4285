using System.Globalization;
using System.IO.Compression;
using DeepLearning.Pipelines.Bundle;
using DeepLearning.Pipelines.Prediction;
using DeepLearning.Pipelines.Registry;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Tests.Prediction;

/// <summary>PredictionService: thread-safe calls, hot reload of a registry's champion, and a broken champion kept out.</summary>
[TestClass]
public sealed class PredictionServiceTests
{
    private static LoadedSpec Spec(params string[] overrides) =>
        SpecLoader.Load(Repo.Example("breast-cancer-logistic.yaml"), ["evaluate.cross_validation=0", .. overrides]);

    /// <summary>Row <paramref name="index"/> of the breast-cancer file as column → number.</summary>
    private static Dictionary<string, object?> Row(int index)
    {
        var lines = File.ReadAllLines(Repo.Dataset("breast_cancer/breast_cancer.csv"));
        var header = lines[0].Split(',');
        var cells = lines[1 + index].Split(',');
        return header.Select((h, i) => (h, i)).Where(x => x.h is not ("label" or "diagnosis"))
            .ToDictionary(x => x.h, x => (object?)double.Parse(cells[x.i], CultureInfo.InvariantCulture));
    }

    /// <summary>A registry with version 1 (champion) and version 2 (heavily regularised, not promoted).</summary>
    private static ModelRegistry TwoVersions(TempDir dir)
    {
        Assert.IsTrue(RegistryTraining.Train(Spec(), dir.Path).Verdict.Promoted);
        Assert.IsFalse(RegistryTraining.Train(Spec("trainer.l2=1000"), dir.Path).Verdict.Promoted);
        return ModelRegistry.Open(dir.Path, "breast-cancer", create: false);
    }

    [TestMethod]
    public void ConcurrentCallsNeverFailWhileTheChampionIsSwappedAndLaterCallsUseTheNewModel()
    {
        using var dir = new TempDir();
        var registry = TwoVersions(dir);
        var row = Row(0);
        var v1 = PipelineModel.Load(registry.Version(1).BundlePath).Predict(row).Probability!.Value;
        var v2 = PipelineModel.Load(registry.Version(2).BundlePath).Predict(row).Probability!.Value;
        Assert.IsGreaterThan(1e-3, Math.Abs(v1 - v2), "the two versions must predict differently for the test to see the swap");

        using var service = PredictionService.ForChampion(dir.Path, "breast-cancer");
        Assert.AreEqual(1, service.Version);
        int failures = 0, calls = 0, afterSwapFromOld = 0;
        var swapped = new ManualResetEventSlim();
        var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                bool swapSeen = swapped.IsSet;
                try
                {
                    var p = service.Predict(row).Probability!.Value;
                    Interlocked.Increment(ref calls);
                    // A call that starts after the swap was observed must not be answered by the old model.
                    if (swapSeen && Math.Abs(p - v2) > 1e-6) Interlocked.Increment(ref afterSwapFromOld);
                    if (Math.Abs(p - v1) > 1e-6 && Math.Abs(p - v2) > 1e-6) Interlocked.Increment(ref failures);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToArray();

        Thread.Sleep(300);
        registry.Promote(2, "test swap");
        // The watcher (or the once-a-second poll) notices champion.json; give it a few seconds at most.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (service.Version != 2 && DateTime.UtcNow < deadline) Thread.Sleep(10);
        Assert.AreEqual(2, service.Version, $"the new champion was not loaded; last error: {service.LastReloadError}");
        swapped.Set();
        Thread.Sleep(300);
        stop.Cancel();
        Task.WaitAll(workers);

        Assert.AreEqual(0, failures);
        Assert.AreEqual(0, afterSwapFromOld);
        Assert.IsGreaterThan(100, calls);
        Assert.AreEqual(v2, service.Predict(row).Probability!.Value, 1e-6);
        Assert.IsNull(service.LastReloadError);
    }

    [TestMethod]
    public void ABrokenNewChampionKeepsThePreviousModelAndReportsWhy()
    {
        using var dir = new TempDir();
        var registry = TwoVersions(dir);
        using var service = PredictionService.ForChampion(dir.Path, "breast-cancer");
        var reports = new List<ModelReloadedEventArgs>();
        service.Reloaded += (_, e) => { lock (reports) reports.Add(e); };
        var before = service.Predict(Row(1));

        // Version 3: a manifest that reads fine (so it can be promoted) and an ML.NET model that is garbage.
        var broken = dir.File("broken.zip");
        using (var source = ZipFile.OpenRead(registry.Version(1).BundlePath))
        using (var target = ZipFile.Open(broken, ZipArchiveMode.Create))
        {
            using (var from = source.GetEntry("manifest.json")!.Open())
            using (var to = target.CreateEntry("manifest.json").Open())
                from.CopyTo(to);
            using var writer = new StreamWriter(target.CreateEntry("mlnet.zip").Open());
            writer.Write("not a model");
        }
        int three = registry.Add(broken);
        Assert.AreEqual(3, three);
        registry.Promote(3, "broken on purpose");

        Assert.IsFalse(service.Reload());
        Assert.AreEqual(1, service.Version);
        Assert.IsInstanceOfType<ModelException>(service.LastReloadError);
        StringAssert.Contains(service.LastReloadError!.Message, "mlnet.zip");
        Assert.AreEqual(before.Probability, service.Predict(Row(1)).Probability);
        lock (reports) Assert.IsTrue(reports.Any(r => r.Version == 3 && r.Error is ModelException), "a failed reload raises Reloaded with the error");

        // Fixing the champion (a rollback to a good version) clears the error.
        registry.Promote(2, "fixed");
        // The watcher may get there first; either way version 2 serves once Reload returns.
        service.Reload();
        Assert.AreEqual(2, service.Version);
        Assert.IsNull(service.LastReloadError);
    }

    [TestMethod]
    public void ABundleServesTypedAndUntypedCallsAndATypeWithoutAColumnIsAClearError()
    {
        using var dir = new TempDir();
        var path = dir.File("iris.zip");
        new DeepLearning.Pipelines.Running.PipelineTrainer().Train(SpecLoader.Load(Repo.Example("iris-maximum-entropy.yaml"), ["evaluate.cross_validation=0"]), path);
        using var service = PredictionService.ForBundle(path);
        Assert.IsNull(service.Version);
        Assert.AreEqual("setosa", service.Predict(new Flower(5.1f, 3.5f, 1.4f, 0.2f)).Label);
        var untyped = service.Predict(new Dictionary<string, object?>
        {
            ["sepal_length_cm"] = 6.7, ["sepal_width_cm"] = 3.0, ["petal_length_cm"] = 5.2, ["petal_width_cm"] = 2.3,
        });
        Assert.AreEqual("virginica", untyped.Label);
        var error = Assert.ThrowsExactly<ArgumentException>(() => service.Predict(new Petals(1.4f, 0.2f)));
        StringAssert.Contains(error.Message, "Petals has no public property for input column 'sepal_length_cm'");
        Assert.IsFalse(service.Reload(), "a plain bundle has nothing to reload");
    }

    [TestMethod]
    public void ARegistryModelWithoutAChampionCannotBeServed()
    {
        using var dir = new TempDir();
        ModelRegistry.Open(dir.Path, "empty", create: true);
        var error = Assert.ThrowsExactly<RegistryException>(() => PredictionService.ForChampion(dir.Path, "empty"));
        StringAssert.Contains(error.Message, "no champion");
    }

    [TestMethod]
    public void ASingleRowGivesTheSamePredictionAsTheBatchPath()
    {
        using var dir = new TempDir();
        var registry = TwoVersions(dir);
        var model = PipelineModel.Load(registry.Version(1).BundlePath);
        var rows = Enumerable.Range(0, 20).Select(i => (IReadOnlyDictionary<string, object?>)Row(i)).ToList();
        var batch = model.Predict((IEnumerable<IReadOnlyDictionary<string, object?>>)rows);
        for (int i = 0; i < rows.Count; i++)
        {
            var single = model.Predict(rows[i]);
            Assert.AreEqual(batch[i].Label, single.Label);
            Assert.AreEqual(batch[i].Probability!.Value, single.Probability!.Value, 1e-7);
        }
        var missing = new Dictionary<string, object?>(rows[0]);
        missing.Remove("mean_radius");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => model.Predict((IReadOnlyDictionary<string, object?>)missing)).Message,
            "no value for input column 'mean_radius'");
    }

    private sealed record Flower(float SepalLengthCm, float SepalWidthCm, float PetalLengthCm, float PetalWidthCm);

    private sealed record Petals(float PetalLengthCm, float PetalWidthCm);
}
