using DeepLearning.Pipelines.Spec;
using DeepLearning.Pipelines.Trainers;
using static DeepLearning.Pipelines.Tests.Spec.SpecText;

namespace DeepLearning.Pipelines.Tests.Spec;

/// <summary>Keys left out of a spec take their declared defaults.</summary>
[TestClass]
public sealed class SpecDefaultsTests
{
    [TestMethod]
    public void MinimalSpecGetsEveryDefault()
    {
        var spec = Parse(Minimal).Spec;

        Assert.AreEqual(42, spec.Seed);
        Assert.AreEqual(0.2, spec.Data.Split.TestFraction);
        Assert.IsTrue(spec.Data.Split.Stratify);
        Assert.IsNull(spec.Data.Split.Seed);
        Assert.IsNull(spec.Data.Test);
        Assert.AreEqual("auto", spec.Data.Separator);
        Assert.IsTrue(spec.Data.Header);
        Assert.IsEmpty(spec.Data.Columns);
        CollectionAssert.AreEqual(new[] { "", "NA", "N/A", "NaN", "null", "?" }, spec.Data.Missing.Values.ToArray());
        Assert.AreEqual(MissingPolicy.Keep, spec.Data.Missing.Policy);
        Assert.IsNull(spec.Features);
        Assert.IsEmpty(spec.Transforms);
        Assert.AreEqual(0, spec.Evaluate.CrossValidation);
        Assert.AreEqual(new OlsOptions(), spec.Trainer.Options);
        Assert.AreEqual(1e-6, ((OlsOptions)spec.Trainer.Options).L2);
    }

    [TestMethod]
    public void PartialSectionKeepsDefaultsOfTheKeysLeftOut()
    {
        var spec = Parse(Minimal.Replace("  train: data.csv", "  train: data.csv\n  split: { stratify: false }")).Spec;

        Assert.IsFalse(spec.Data.Split.Stratify);
        Assert.AreEqual(0.2, spec.Data.Split.TestFraction);
    }

    [TestMethod]
    public void TrainerOptionsDefaultPerTrainer()
    {
        var spec = Parse(Minimal.Replace("task: regression", "task: multiclass").Replace("name: ols", "name: one_versus_all")).Spec;

        var options = (OneVersusAllOptions)spec.Trainer.Options;
        Assert.AreEqual("averaged_perceptron", options.Binary.Name);
        Assert.AreEqual(new AveragedPerceptronOptions(), options.Binary.Options);
        Assert.IsTrue(options.UseProbabilities);
    }

    [TestMethod]
    public void NestedTrainerBindsItsOwnOptions()
    {
        var spec = Parse(Minimal.Replace("task: regression", "task: multiclass").Replace("name: ols", "name: one_versus_all\n  binary: { name: linear_svm, epochs: 3 }")).Spec;

        var binary = ((OneVersusAllOptions)spec.Trainer.Options).Binary;
        Assert.AreEqual("linear_svm", binary.Name);
        Assert.AreEqual(new LinearSvmOptions { Epochs = 3 }, binary.Options);
    }

    [TestMethod]
    public void ResolvedSpecWritesEveryDefault()
    {
        var json = SpecWriter.Write(Parse(Minimal).Spec)!;

        Assert.AreEqual(0.2, (double)json["data"]!["split"]!["test_fraction"]!);
        Assert.AreEqual(42, (int)json["seed"]!);
        Assert.AreEqual("ols", (string)json["trainer"]!["name"]!);
        Assert.AreEqual(1e-6, (double)json["trainer"]!["l2"]!);
        Assert.AreEqual("keep", (string)json["data"]!["missing"]!["policy"]!);
        Assert.AreEqual("y", (string)json["label"]!);
        Assert.IsTrue(json.AsObject().ContainsKey("features"), "features is written (as null) too");
    }

    [TestMethod]
    public void SpecPathAnchorsRelativeDataPaths()
    {
        var loaded = Parse(Minimal);

        Assert.AreEqual("/tmp/x/data.csv", loaded.Resolve(loaded.Spec.Data.Train));
    }
}
