using DeepLearning.Trainers.Linear;

namespace DeepLearning.Trainers.Tests.Linear;

[TestClass]
public sealed class LimitedMemoryBfgsTests
{
    /// <summary>½Σ cᵢ(xᵢ − tᵢ)², conditioned 1 : 10⁴.</summary>
    private static double Quadratic(ReadOnlySpan<double> x, Span<double> g, double[] c, double[] t)
    {
        double f = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double d = x[i] - t[i];
            f += c[i] * d * d / 2;
            g[i] = c[i] * d;
        }
        return f + 1;   // + 1: the stopping rule is relative to the value, which must not be 0 at the minimum
    }

    [TestMethod]
    public void FindsTheMinimumOfAnIllConditionedQuadratic()
    {
        double[] c = [1, 10, 100, 1000, 10000], t = [3, -2, 0.5, 7, -1];
        var x = new double[5];
        var result = LimitedMemoryBfgs.Minimize((x, g) => Quadratic(x, g, c, t), x, history: 5, tolerance: 1e-12, maxIterations: 1000);
        Assert.IsTrue(result.Converged, $"{result}");
        for (int i = 0; i < 5; i++) Assert.AreEqual(t[i], x[i], 1e-4, $"x[{i}]");
        Assert.AreEqual(1, result.Value, 1e-9);
    }

    [TestMethod]
    public void RosenbrockValleyIsFollowedToItsMinimum()
    {
        var x = new double[] { -1.2, 1 };
        var result = LimitedMemoryBfgs.Minimize((x, g) =>
        {
            double a = 1 - x[0], b = x[1] - x[0] * x[0];
            g[0] = -2 * a - 400 * x[0] * b;
            g[1] = 200 * b;
            return a * a + 100 * b * b + 1;
        }, x, history: 10, tolerance: 1e-14, maxIterations: 10_000);
        Assert.AreEqual(1, x[0], 1e-3, $"{result}");
        Assert.AreEqual(1, x[1], 2e-3, $"{result}");
    }

    [TestMethod]
    public void L1TermSetsSmallCoordinatesExactlyToZeroAndShrinksTheOthers()
    {
        // ½(x₀ − 3)² + ½(x₁ − 0.2)² + ½·10(x₂ + 1)² + 0.5(|x₀| + |x₁|) (x₂ not penalised): x = (2.5, 0, −1).
        double[] c = [1, 1, 10], t = [3, 0.2, -1];
        var x = new double[3];
        var result = LimitedMemoryBfgs.Minimize((x, g) => Quadratic(x, g, c, t), x, history: 5, tolerance: 1e-12,
            maxIterations: 1000, l1: 0.5, penalized: 2);
        Assert.AreEqual(2.5, x[0], 1e-6, $"{result}");
        Assert.AreEqual(0.0, x[1], "an exact zero, not a small number");
        Assert.AreEqual(-1, x[2], 1e-6);
        Assert.AreEqual(1 + 0.5 * 0.5 * 0.5 + 0.5 * 0.2 * 0.2 + 0.5 * 2.5, result.Value, 1e-9);
    }

    [TestMethod]
    public void IterationCapStopsItUnconverged()
    {
        double[] c = [1, 10, 100, 1000, 10000], t = [3, -2, 0.5, 7, -1];
        var result = LimitedMemoryBfgs.Minimize((x, g) => Quadratic(x, g, c, t), new double[5], history: 5, tolerance: 1e-12, maxIterations: 2);
        Assert.AreEqual(2, result.Iterations);
        Assert.IsFalse(result.Converged);
    }
}
