using DeepLearning.Pipelines.Prediction;
using DeepLearning.Pipelines.Registry;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Tests.Registry;

/// <summary>The nightly cycle: train a version, judge it on the champion's terms, promote only when better.</summary>
[TestClass]
public sealed class RegistryTrainingTests
{
    private static LoadedSpec Spec(params string[] overrides) =>
        SpecLoader.Load(Repo.Example("breast-cancer-logistic.yaml"), ["evaluate.cross_validation=0", .. overrides]);

    [TestMethod]
    public void TwoNightlyCyclesPromoteThenKeepThenPromoteAGenuineGain()
    {
        using var dir = new TempDir();
        var day1 = RegistryTraining.Train(Spec(), dir.Path);
        Assert.IsTrue(day1.Verdict.Promoted, day1.Verdict.Reason);
        Assert.AreEqual(1, day1.Version);
        StringAssert.Contains(day1.Verdict.Reason, "no champion yet");

        // Day 2: heavy regularisation makes a worse model; the champion stays.
        var day2 = RegistryTraining.Train(Spec("trainer.l2=1000"), dir.Path);
        Assert.IsFalse(day2.Verdict.Promoted);
        Assert.AreEqual("auc", day2.Verdict.Metric);
        Assert.IsLessThan(0.0, day2.Verdict.Improvement!.Value);
        Assert.AreEqual(day1.Verdict.HoldoutRows, day2.Verdict.HoldoutRows);
        var registry = ModelRegistry.Open(dir.Path, "breast-cancer", create: false);
        Assert.AreEqual(1, registry.Champion()!.Version);

        // Same data both days: the verdict reports no drift from the champion's training profile.
        Assert.IsNull(day1.Verdict.Drift, "no champion, nothing to drift from");
        Assert.AreEqual(DeepLearning.Pipelines.Drift.DriftLevel.None, day2.Verdict.Drift!.Verdict);

        // The champion's holdout metric in the verdict is its own metric on the same rows.
        Assert.AreEqual(day1.Train.Manifest.Metrics.Metrics["auc"], day2.Verdict.Champion!.Value, 1e-3);

        // Day 3: the day-1 settings again, against version 1 (the same model), with a margin no tie can meet.
        var day3 = RegistryTraining.Train(Spec("promotion.min_improvement=0.01"), dir.Path);
        Assert.IsFalse(day3.Verdict.Promoted);
        StringAssert.Contains(day3.Verdict.Reason, "less than promotion.min_improvement");
        CollectionAssert.AreEqual(new[] { 1, 2, 3 }, registry.Versions().Select(v => v.Number).ToArray());
        Assert.AreEqual("kept", registry.Version(2).Verdict!.Decision, "each version keeps the verdict it was given");
    }

    [TestMethod]
    public void BootstrapPromotesOnlyASignificantGain()
    {
        using var dir = new TempDir();
        RegistryTraining.Train(Spec("trainer.l2=1000"), dir.Path);
        var better = RegistryTraining.Train(Spec("promotion.bootstrap=500"), dir.Path);
        Assert.IsTrue(better.Verdict.Promoted, better.Verdict.Reason);
        Assert.IsLessThan(0.05, better.Verdict.PValue!.Value);
        // The same model again: no gain, so no resample can make it significant.
        var same = RegistryTraining.Train(Spec("promotion.bootstrap=500"), dir.Path);
        Assert.IsFalse(same.Verdict.Promoted);
        StringAssert.Contains(same.Verdict.Reason, "not significantly");
    }

    [TestMethod]
    public void ASchemaChangeBlocksPromotionUnlessAllowed()
    {
        using var dir = new TempDir();
        RegistryTraining.Train(Spec(), dir.Path);
        var fewer = RegistryTraining.Train(Spec("features=[mean_radius,mean_texture]"), dir.Path);
        Assert.IsFalse(fewer.Verdict.Promoted);
        StringAssert.Contains(fewer.Verdict.Reason, "inputs removed: mean_perimeter");
        var allowed = RegistryTraining.Train(Spec("features=[mean_radius,mean_texture]", "promotion.allow_schema_change=true"), dir.Path);
        Assert.IsTrue(allowed.Verdict.Promoted, allowed.Verdict.Reason);
        var champion = ModelRegistry.Open(dir.Path, "breast-cancer", create: false).Champion()!;
        Assert.AreEqual(3, champion.Version);
        Assert.HasCount(2, PipelineModel.Load(ModelRegistry.Open(dir.Path, "breast-cancer", false).Version(3).BundlePath).Manifest.InputSchema);
    }

    [TestMethod]
    public void ASecondTrainingWaitsForNoLockItCannotTake()
    {
        using var dir = new TempDir();
        var registry = ModelRegistry.Open(dir.Path, "breast-cancer", create: true);
        using (registry.Lock())
        {
            var error = Assert.ThrowsExactly<RegistryException>(() => RegistryTraining.Train(Spec(), dir.Path));
            StringAssert.Contains(error.Message, "another training of 'breast-cancer'");
        }
        Assert.IsTrue(RegistryTraining.Train(Spec(), dir.Path).Verdict.Promoted, "the lock is free again");
    }

    [TestMethod]
    [DataRow("../escape")]
    [DataRow("a/b")]
    [DataRow(".hidden")]
    [DataRow("")]
    public void NamesCannotLeaveTheRegistry(string name)
    {
        using var dir = new TempDir();
        var error = Assert.ThrowsExactly<RegistryException>(() => ModelRegistry.Open(dir.Path, name, create: true));
        StringAssert.Contains(error.Message, "cannot name a registry model");
        Assert.IsEmpty(Directory.GetFileSystemEntries(dir.Path));
    }

    [TestMethod]
    public void RollbackAndGarbageCollectionKeepTheChampion()
    {
        using var dir = new TempDir();
        RegistryTraining.Train(Spec("trainer.l2=1000"), dir.Path);   // 1, promoted
        RegistryTraining.Train(Spec(), dir.Path);                    // 2, promoted (better)
        RegistryTraining.Train(Spec("trainer.l2=500"), dir.Path);    // 3, kept
        var registry = ModelRegistry.Open(dir.Path, "breast-cancer", create: false);
        Assert.AreEqual(2, registry.Champion()!.Version);
        Assert.AreEqual(1, registry.Rollback());
        Assert.AreEqual(1, registry.Champion()!.Version);
        CollectionAssert.AreEqual(new[] { 2 }, registry.CollectGarbage(keep: 1).ToArray(), "3 is newest, 1 is champion");
        CollectionAssert.AreEqual(new[] { 1, 3 }, registry.Versions().Select(v => v.Number).ToArray());
        Assert.IsNotNull(PipelineModel.Load(registry.Version(1).BundlePath));
    }

    [TestMethod]
    public void LeftoversOfAKilledRunAreNotVersionsAndAreCleanedUp()
    {
        using var dir = new TempDir();
        RegistryTraining.Train(Spec(), dir.Path);
        var registry = ModelRegistry.Open(dir.Path, "breast-cancer", create: false);
        var versions = Path.Combine(registry.Folder, "versions");
        Directory.CreateDirectory(Path.Combine(versions, ".staging-dead"));
        File.WriteAllText(Path.Combine(versions, ".incoming-dead.zip"), "half a zip");
        Directory.CreateDirectory(Path.Combine(versions, "0002"));   // a folder without model.zip is no version
        Assert.AreEqual(1, registry.Versions().Count);
        var next = RegistryTraining.Train(Spec(), dir.Path);
        Assert.IsFalse(Directory.Exists(Path.Combine(versions, ".staging-dead")));
        Assert.IsFalse(File.Exists(Path.Combine(versions, ".incoming-dead.zip")));
        Assert.IsTrue(File.Exists(next.Train.ModelPath));
        Assert.AreEqual(3, next.Version, "the number of the incomplete folder is not reused");
    }
}
