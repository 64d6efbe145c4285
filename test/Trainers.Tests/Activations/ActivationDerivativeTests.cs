using DeepLearning.Trainers.Activations;
using TorchSharp;
using static TorchSharp.torch;

namespace DeepLearning.Trainers.Tests.Activations;

/// <summary>Every analytic derivative agrees with TorchSharp's autograd of the forward function.</summary>
[TestClass]
public sealed class ActivationDerivativeTests
{
    /// <summary>Activations under test (leaky relu with its default and a larger slope).</summary>
    public static IEnumerable<object[]> Cases() =>
    [
        [ActivationKind.Identity, 0.01], [ActivationKind.Sigmoid, 0.01], [ActivationKind.Tanh, 0.01],
        [ActivationKind.Relu, 0.01], [ActivationKind.LeakyRelu, 0.01], [ActivationKind.LeakyRelu, 0.2],
    ];

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void DerivativeMatchesAutogradAt201Points(ActivationKind kind, double slope)
    {
        using var scope = NewDisposeScope();
        var activation = Activation.Create(kind, slope);
        // 201 points on [−5, 5] in double precision; 0 is one of them, where relu's subgradient convention matters.
        var z = linspace(-5, 5, 201, dtype: float64).requires_grad_(true);
        var y = activation.Forward(z);
        y.sum().backward();
        var autograd = z.grad!.detach();
        var analytic = activation.Derivative(z.detach());
        Assert.AreEqual(201, analytic.shape[0]);
        double worst = (autograd - analytic).abs().max().item<double>();
        Assert.IsLessThan(1e-5, worst, $"{kind}: largest |f′ − autograd| = {worst}");
    }

    [TestMethod]
    public void ForwardValuesAreTheTextbookFormulas()
    {
        using var scope = NewDisposeScope();
        var z = tensor(new double[] { -2, -0.5, 0, 0.5, 2 });
        var values = z.data<double>().ToArray();
        double[] Apply(ActivationKind k) => Activation.Create(k, 0.1).Forward(z).data<double>().ToArray();
        CollectionAssert.AreEqual(values.Select(v => 1 / (1 + Math.Exp(-v))).ToArray(), Apply(ActivationKind.Sigmoid), new Tolerance(1e-12));
        CollectionAssert.AreEqual(values.Select(Math.Tanh).ToArray(), Apply(ActivationKind.Tanh), new Tolerance(1e-12));
        CollectionAssert.AreEqual(values.Select(v => Math.Max(0, v)).ToArray(), Apply(ActivationKind.Relu), new Tolerance(0));
        CollectionAssert.AreEqual(values.Select(v => v > 0 ? v : 0.1 * v).ToArray(), Apply(ActivationKind.LeakyRelu), new Tolerance(1e-12));
    }

    [TestMethod]
    public void SoftmaxJacobianVectorProductMatchesAutograd()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(3);
        var z = (randn([201, 4], dtype: float64, generator: generator) * 3).requires_grad_(true);
        var v = randn([201, 4], dtype: float64, generator: generator);
        var s = Softmax.Forward(z);
        Assert.IsLessThan(1e-12, (s.sum(-1) - 1).abs().max().item<double>(), "each row sums to 1");
        (s * v).sum().backward();
        var analytic = Softmax.JacobianVectorProduct(z.detach(), v);
        Assert.IsLessThan(1e-5, (z.grad! - analytic).abs().max().item<double>());
    }

    private sealed class Tolerance(double epsilon) : System.Collections.IComparer
    {
        public int Compare(object? x, object? y) => Math.Abs((double)x! - (double)y!) <= epsilon ? 0 : 1;
    }
}
