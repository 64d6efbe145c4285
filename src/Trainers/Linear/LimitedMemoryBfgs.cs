using System.Numerics.Tensors;

namespace DeepLearning.Trainers.Linear;

/// <summary>The value of a smooth objective at a point, writing its gradient into the second argument.</summary>
public delegate double SmoothObjective(ReadOnlySpan<double> x, Span<double> gradient);

/// <summary>Where <see cref="LimitedMemoryBfgs.Minimize"/> stopped.</summary>
/// <param name="Value">The objective there (the L1 term included).</param>
/// <param name="Iterations">Iterations taken.</param>
/// <param name="Evaluations">Objective evaluations (line-search steps included).</param>
/// <param name="Converged">Whether the tolerance stopped it (false: the iteration cap, or no step could improve).</param>
public sealed record MinimizeResult(double Value, int Iterations, int Evaluations, bool Converged);

/// <summary>Limited-memory BFGS for a smooth objective, and OWL-QN (Andrew &amp; Gao, 2007) when an L1 term
/// λ·Σ|xᵢ| is added over the first <c>penalized</c> coordinates. Stops as ML.NET's L-BFGS does (its
/// MeanRelativeImprovementCriterion): when the objective's mean improvement over the last 5 iterations, relative to
/// its value, falls below the tolerance, so a spec's <c>optimization_tolerance</c> means the same with either.</summary>
public static class LimitedMemoryBfgs
{
    private const int ImprovementWindow = 5;
    private const double Armijo = 1e-4;
    private const int MaxHalvings = 50;

    /// <summary>Minimises <paramref name="objective"/> + <paramref name="l1"/>·Σ|x[0..penalized)| from
    /// <paramref name="x"/>, which holds the minimiser on return.</summary>
    public static MinimizeResult Minimize(SmoothObjective objective, Span<double> x, int history, double tolerance,
        int maxIterations, double l1 = 0, int penalized = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(history, 1);
        int n = x.Length;
        var g = new double[n];
        var direction = new double[n];
        var steepest = new double[n];     // −(pseudo-)gradient
        var next = new double[n];
        var moved = new double[n];        // next − x
        var nextG = new double[n];
        var s = new double[history][];
        var y = new double[history][];
        var rho = new double[history];
        var alpha = new double[history];
        int stored = 0, newest = -1;
        var recent = new Queue<double>(ImprovementWindow + 1);

        double f = objective(x, g) + L1(x, l1, penalized);
        int evaluations = 1, iteration = 0;
        bool converged = false;
        while (iteration < maxIterations)
        {
            SteepestDescent(x, g, l1, penalized, steepest);
            double steepestNorm = Math.Sqrt(Dot(steepest, steepest));
            if (steepestNorm == 0) { converged = true; break; }

            // Two-loop recursion: direction = H·steepest.
            steepest.CopyTo(direction, 0);
            for (int k = 0, i = newest; k < stored; k++, i = (i - 1 + history) % history)
            {
                alpha[i] = rho[i] * Dot(s[i], direction);
                Axpy(-alpha[i], y[i], direction);
            }
            if (stored > 0)
            {
                double gamma = Dot(s[newest], y[newest]) / Dot(y[newest], y[newest]);
                TensorPrimitives.Multiply(direction, gamma, direction);
            }
            for (int k = 0, i = (newest - stored + 1 + history) % history; k < stored; k++, i = (i + 1) % history)
            {
                double beta = rho[i] * Dot(y[i], direction);
                Axpy(alpha[i] - beta, s[i], direction);
            }
            if (l1 > 0)
                for (int j = 0; j < penalized; j++)
                    if (direction[j] * steepest[j] <= 0) direction[j] = 0;   // stay in the orthant the step chose
            if (Dot(direction, steepest) <= 0)
            {
                steepest.CopyTo(direction, 0);   // not a descent direction: forget the curvature pairs
                stored = 0;
            }

            // Backtracking (Armijo) line search; without curvature pairs the first step moves x by at most 1.
            double step = stored == 0 ? Math.Min(1, 1 / steepestNorm) : 1;
            double nextF = double.NaN;
            bool accepted = false;
            for (int halving = 0; halving < MaxHalvings && !accepted; halving++, step /= 2)
            {
                TensorPrimitives.MultiplyAdd(direction, step, x, next);
                if (l1 > 0)
                    for (int j = 0; j < penalized; j++)
                    {
                        double orthant = x[j] != 0 ? x[j] : steepest[j];
                        if (next[j] * orthant <= 0) next[j] = 0;
                    }
                nextF = objective(next, nextG) + L1(next, l1, penalized);
                evaluations++;
                TensorPrimitives.Subtract(next, x, moved);
                accepted = nextF <= f - Armijo * Dot(steepest, moved);
            }
            if (!accepted) break;   // no step improves: as close to the minimum as the arithmetic allows

            int slot = (newest + 1) % history;
            s[slot] ??= new double[n];
            y[slot] ??= new double[n];
            moved.CopyTo(s[slot], 0);
            TensorPrimitives.Subtract(nextG, g, y[slot]);
            double sy = Dot(s[slot], y[slot]);
            if (sy > 1e-12 * Math.Sqrt(Dot(s[slot], s[slot]) * Dot(y[slot], y[slot])))
            {
                rho[slot] = 1 / sy;
                newest = slot;
                stored = Math.Min(stored + 1, history);
            }
            next.AsSpan().CopyTo(x);
            nextG.CopyTo(g, 0);
            f = nextF;
            iteration++;

            recent.Enqueue(f);
            if (recent.Count > ImprovementWindow)
            {
                double meanImprovement = (recent.Dequeue() - f) / ImprovementWindow;
                if (meanImprovement / Math.Abs(f) < tolerance) { converged = true; break; }
            }
        }
        return new MinimizeResult(f, iteration, evaluations, converged);
    }

    /// <summary>−∇f for a smooth objective; with L1, minus OWL-QN's pseudo-gradient: the one-sided derivative that
    /// descends, or 0 where neither side does (a coordinate at 0 whose gradient the L1 term outweighs).</summary>
    private static void SteepestDescent(ReadOnlySpan<double> x, double[] g, double l1, int penalized, double[] result)
    {
        TensorPrimitives.Negate(g, result);
        if (l1 <= 0) return;
        for (int j = 0; j < penalized; j++)
        {
            if (x[j] > 0) result[j] = -(g[j] + l1);
            else if (x[j] < 0) result[j] = -(g[j] - l1);
            else if (g[j] + l1 < 0) result[j] = -(g[j] + l1);
            else if (g[j] - l1 > 0) result[j] = -(g[j] - l1);
            else result[j] = 0;
        }
    }

    private static double L1(ReadOnlySpan<double> x, double l1, int penalized)
    {
        if (l1 <= 0) return 0;
        double sum = 0;
        for (int j = 0; j < penalized; j++) sum += Math.Abs(x[j]);
        return l1 * sum;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => TensorPrimitives.Dot(a, b);

    private static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y) => TensorPrimitives.MultiplyAdd(x, a, y, y);
}
