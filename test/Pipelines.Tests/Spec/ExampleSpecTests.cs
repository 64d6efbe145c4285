using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Tests.Spec;

/// <summary>Every shipped example spec loads as it is, and its data files exist.</summary>
[TestClass]
public sealed class ExampleSpecTests
{
    private static IEnumerable<string> ExampleFiles() =>
        Directory.EnumerateFiles(RepositoryFiles.PathOf("examples"))
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    public static IEnumerable<object[]> Examples() => ExampleFiles().Select(f => new object[] { Path.GetFileName(f) });

    [TestMethod]
    public void ThereAreExamplesInBothFormats()
    {
        var files = ExampleFiles().ToList();
        Assert.IsGreaterThanOrEqualTo(8, files.Count);
        Assert.IsTrue(files.Any(f => f.EndsWith(".json", StringComparison.Ordinal)));
        Assert.IsTrue(files.Any(f => f.EndsWith(".yaml", StringComparison.Ordinal)));
    }

    [TestMethod]
    [DynamicData(nameof(Examples))]
    public void ExampleParsesAndItsDataExists(string file)
    {
        var path = RepositoryFiles.PathOf("examples", file);

        var loaded = SpecLoader.Load(path);

        Assert.IsFalse(string.IsNullOrWhiteSpace(loaded.Spec.Name));
        // An agent learns in its environment: a reinforcement spec reads no data (and may not name any).
        if (loaded.Spec.Task == MlTask.Reinforcement) return;
        Assert.IsTrue(File.Exists(loaded.Resolve(loaded.Spec.Data.Train)), $"{file}: {loaded.Spec.Data.Train} not found");
        if (loaded.Spec.Data.Test is { } test)
            Assert.IsTrue(File.Exists(loaded.Resolve(test)), $"{file}: {test} not found");
        foreach (var labels in new[] { loaded.Spec.Data.TrainLabels, loaded.Spec.Data.TestLabels }.OfType<string>())
            Assert.IsTrue(File.Exists(loaded.Resolve(labels)), $"{file}: {labels} not found");
        if (loaded.Spec.Task.IsSupervised())
            Assert.IsNotNull(loaded.Spec.Label, file);
    }

    [TestMethod]
    public void IrisExampleBindsItsValues()
    {
        var spec = SpecLoader.Load(RepositoryFiles.PathOf("examples", "iris-maximum-entropy.yaml")).Spec;

        Assert.AreEqual("iris-species", spec.Name);
        Assert.AreEqual(MlTask.Multiclass, spec.Task);
        Assert.AreEqual("species", spec.Label);
        Assert.AreEqual("maximum_entropy", spec.Trainer.Name);
        Assert.AreEqual(ColumnKind.Ignore, spec.Data.Columns["label"]);
        Assert.AreEqual(5, spec.Evaluate.CrossValidation);
    }

    [TestMethod]
    public void MissingSpecFileIsASpecError()
    {
        var e = Assert.ThrowsExactly<SpecException>(() => SpecLoader.Load(RepositoryFiles.PathOf("examples", "no-such-spec.yaml")));

        Assert.Contains("no-such-spec.yaml", e.Message);
        Assert.Contains("spec file not found", e.Message);
    }
}
