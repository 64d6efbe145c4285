using DeepLearning.Pipelines.Trainers;
using static DeepLearning.Pipelines.Tests.Spec.SpecText;

namespace DeepLearning.Pipelines.Tests.Neural;

/// <summary>The neural trainers' options are checked like every other spec key.</summary>
[TestClass]
public sealed class NeuralSpecTests
{
    private const string Mlp = """
        name: t
        task: multiclass
        data:
          train: data.csv
        label: y
        trainer:
          name: mlp
        """;

    [TestMethod]
    public void NegativeLearningRateIsASpecError()
    {
        var e = Fails(Mlp + "\n  optimizer: { name: adam, learning_rate: -0.1 }");
        Assert.AreEqual("received -0.1; allowed: a number > 0", ErrorAt(e, "trainer.optimizer.learning_rate").Message);

        var gd = Fails(Minimal.Replace("name: ols", "name: linear_gd\n  learning_rate: -1"));
        Assert.AreEqual("received -1; allowed: a number > 0", ErrorAt(gd, "trainer.learning_rate").Message);
    }

    [TestMethod]
    public void EmptyHiddenListIsASpecError()
    {
        var e = Fails(Mlp + "\n  hidden: []");
        Assert.AreEqual("received 0 item(s); allowed: a list of at least 1", ErrorAt(e, "trainer.hidden").Message);
    }

    [TestMethod]
    public void UnknownActivationIsASpecError()
    {
        var e = Fails(Mlp + "\n  activation: softsign");
        StringAssert.Contains(ErrorAt(e, "trainer.activation").Message, "allowed: relu | leaky_relu | tanh | sigmoid");

        var perceptron = Fails(Minimal.Replace("task: regression", "task: binary").Replace("name: ols", "name: perceptron\n  activation: relu"));
        StringAssert.Contains(ErrorAt(perceptron, "trainer.activation").Message, "allowed: sigmoid | tanh");
    }

    [TestMethod]
    public void NestedOptionsBindWithDefaults()
    {
        var spec = Parse(Mlp + "\n  hidden: [32, 16]\n  optimizer: { name: momentum, learning_rate: 0.05 }\n  schedule: { name: step, step_size: 5 }\n  early_stopping: { patience: 3 }");
        var options = (MlpOptions)spec.Spec.Trainer.Options;
        CollectionAssert.AreEqual(new[] { 32, 16 }, options.Hidden.ToArray());
        Assert.AreEqual(DeepLearning.Trainers.Optimization.OptimizerKind.Momentum, options.Optimizer.Name);
        Assert.AreEqual(0.9, options.Optimizer.Momentum);
        Assert.AreEqual(5, options.Schedule.StepSize);
        Assert.AreEqual(3, options.EarlyStopping!.Patience);
        Assert.IsTrue(options.EarlyStopping.RestoreBest);
        Assert.IsNull(((MlpOptions)Parse(Mlp).Spec.Trainer.Options).EarlyStopping, "omitted: no early stopping");
    }
}
