using DeepLearning.Pipelines.Running;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Tests.Running;

/// <summary><see cref="PipelineTrainer.HoldoutSplit"/> is what `make bench` hands its peers: it must be the split
/// <c>dlp train</c> uses, and an L-BFGS fit on it must give the same model every time.</summary>
[TestClass]
public sealed class HoldoutSplitTests
{
    [TestMethod]
    [DataRow("iris-maximum-entropy.yaml")]   // stratified fraction
    [DataRow("diabetes-ols.yaml")]           // plain fraction
    public void HoldoutSplitIsTheSplitTrainUses(string example)
    {
        var loaded = SpecLoader.Load(Repo.Example(example), ["evaluate.cross_validation=0"]);
        var trainer = new PipelineTrainer();
        var data = trainer.Prepare(loaded);
        var (fit, test) = PipelineTrainer.HoldoutSplit(loaded.Spec, data);

        var trained = trainer.Train(loaded, outputPath: null);
        Assert.AreEqual(trained.Manifest.Provenance.TrainRows, fit.Length);
        Assert.AreEqual(trained.Manifest.Provenance.TestRows, test.Length);
        CollectionAssert.AreEqual(test.Select(r => data.Train.Table.Lines[r]).ToArray(), trained.Holdout.Inputs.Lines);
        Assert.IsEmpty(fit.Intersect(test).ToList());
    }

    [TestMethod]
    public void BenchSpecsAreValid()
    {
        // make bench is not part of make test; at least its specs must keep up with the schema.
        var specs = Directory.GetFiles(Path.Combine(Repo.Root, "bench", "specs"), "*.yaml");
        Assert.IsGreaterThanOrEqualTo(12, specs.Length);
        foreach (var spec in specs)
            Assert.AreEqual(0, SpecLoader.Load(spec).Spec.Evaluate.CrossValidation, spec);
    }

    [TestMethod]
    public void LbfgsFitsTheSameModelTwice()
    {
        // The L-BFGS trainers sum the gradient over fixed chunks in parallel: the order of the sum must not vary.
        var first = Examples.Train("iris-maximum-entropy.yaml", "evaluate.cross_validation=0");
        var second = Examples.Train("iris-maximum-entropy.yaml", "evaluate.cross_validation=0");
        var a = first.Model.Predict(first.Holdout.Inputs);
        var b = second.Model.Predict(second.Holdout.Inputs);
        CollectionAssert.AreEqual(a.Select(p => p.Probabilities!.Values.ToArray()).SelectMany(v => v).ToArray(),
            b.Select(p => p.Probabilities!.Values.ToArray()).SelectMany(v => v).ToArray());
    }
}
