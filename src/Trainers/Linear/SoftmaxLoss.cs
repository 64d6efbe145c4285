using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DeepLearning.Trainers.Linear;

/// <summary>The multinomial logistic (softmax) loss of rows held in memory, as ML.NET's maximum-entropy trainer
/// defines it: (Σᵢ −log softmax(Wᵀxᵢ + b)[yᵢ] + L2/2·‖W‖²) / n, the biases not penalised, with its gradient.
/// Parameters are laid out as W (features × classes, one row per feature) and then b. The passes over the rows run in
/// single precision with SIMD over the classes, summed in double; row chunks are fixed by the data's size alone
/// (not the machine's cores) so that a fit gives the same model everywhere.</summary>
public sealed class SoftmaxLoss
{
    private const int EntriesPerChunk = 250_000;
    private const int MaxChunks = 8;
    private const int RowsPerFlush = 256;   // float sums go into double this often, so a long chunk loses no precision

    private readonly SparseRows rows;
    private readonly int classes;
    private readonly int padded;            // classes rounded up to whole SIMD vectors
    private readonly double l2;
    private readonly CacheAlignedFloats weights;   // W then b, padded, single precision for the passes
    private readonly Chunk[] chunks;
    private readonly Vector<float> lastMask;  // 1 on the last vector's real classes, 0 on its padding

    /// <summary>The loss of <paramref name="rows"/> over <paramref name="classes"/> classes with L2 weight
    /// <paramref name="l2"/>; the rows are cut into chunks of about <paramref name="entriesPerChunk"/> stored
    /// values, passed over in parallel.</summary>
    public SoftmaxLoss(SparseRows rows, int classes, double l2, int entriesPerChunk = EntriesPerChunk)
    {
        if (rows.Count == 0) throw new ArgumentException("no rows to fit", nameof(rows));
        this.rows = rows;
        this.classes = classes;
        this.l2 = l2;
        padded = (classes + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;
        weights = new CacheAlignedFloats((rows.Width + 1) * padded);
        for (int k = classes; k < padded; k++) weights.Span[rows.Width * padded + k] = float.NegativeInfinity;
        int first = padded - Vector<float>.Count;
        lastMask = new Vector<float>(Enumerable.Range(first, Vector<float>.Count).Select(k => k < classes ? 1f : 0f).ToArray());
        int count = Math.Clamp(rows.Values.Length / entriesPerChunk, 1, Math.Min(MaxChunks, rows.Count));
        chunks = Enumerable.Range(0, count)
            .Select(c => new Chunk((int)((long)rows.Count * c / count), (int)((long)rows.Count * (c + 1) / count), weights.Length))
            .ToArray();
    }

    /// <summary>Parameters: features × classes weights, then one bias per class.</summary>
    public int Dimension => (rows.Width + 1) * classes;

    /// <summary>How many leading parameters are weights (penalised), the rest being biases.</summary>
    public int WeightCount => rows.Width * classes;

    /// <summary>The loss at <paramref name="x"/>; its gradient goes into <paramref name="gradient"/>.</summary>
    public double Evaluate(ReadOnlySpan<double> x, Span<double> gradient)
    {
        var w = weights.Span;
        for (int j = 0; j <= rows.Width; j++)
            for (int k = 0; k < classes; k++)
                w[j * padded + k] = (float)x[j * classes + k];
        if (chunks.Length == 1) Pass(chunks[0]);
        else Parallel.ForEach(chunks, Pass);

        double loss = 0;
        gradient.Clear();
        foreach (var chunk in chunks)   // in a fixed order: the same sums on any number of cores
        {
            loss += chunk.Loss;
            for (int j = 0; j <= rows.Width; j++)
                for (int k = 0; k < classes; k++)
                    gradient[j * classes + k] += chunk.Gradient[j * padded + k];
        }
        double penalty = 0;
        for (int i = 0; i < WeightCount; i++)
        {
            penalty += x[i] * x[i];
            gradient[i] += l2 * x[i];
        }
        double scale = 1.0 / rows.Count;
        for (int i = 0; i < gradient.Length; i++) gradient[i] *= scale;
        return (loss + l2 / 2 * penalty) * scale;
    }

    /// <summary>One chunk's loss and gradient (padded layout: the padding classes have weights 0 and bias −∞, so
    /// they never hold the maximum, and their exponentials are masked to 0).</summary>
    private void Pass(Chunk chunk)
    {
        int vectors = padded / Vector<float>.Count, biasVector = rows.Width * vectors;
        Span<Vector<float>> z = stackalloc Vector<float>[vectors];
        Span<Vector<float>> d = stackalloc Vector<float>[vectors];
        ref var w = ref Unsafe.As<float, Vector<float>>(ref weights.First);
        ref var sums = ref Unsafe.As<float, Vector<float>>(ref chunk.Sums.First);
        ref int index = ref MemoryMarshal.GetArrayDataReference(rows.Indices);
        ref float value = ref MemoryMarshal.GetArrayDataReference(rows.Values);
        Array.Clear(chunk.Gradient);
        chunk.Sums.Span.Clear();
        double loss = 0, product = 1;
        for (int row = chunk.First; row < chunk.End; row++)
        {
            int start = rows.Starts[row], end = rows.Starts[row + 1];
            for (int c = 0; c < vectors; c++) z[c] = Unsafe.Add(ref w, biasVector + c);
            if (vectors == 1) Scores1(ref w, ref index, ref value, start, end, ref z[0]);
            else if (vectors == 2) Scores2(ref w, ref index, ref value, start, end, ref z[0], ref z[1]);
            else
                for (int e = start; e < end; e++)
                {
                    var v = new Vector<float>(Unsafe.Add(ref value, e));
                    ref var wj = ref Unsafe.Add(ref w, Unsafe.Add(ref index, e) * vectors);
                    for (int c = 0; c < vectors; c++) z[c] = Vector.FusedMultiplyAdd(v, Unsafe.Add(ref wj, c), z[c]);
                }

            var max = z[0];
            for (int c = 1; c < vectors; c++) max = Vector.Max(max, z[c]);
            var shift = MaxInEveryLane(max);
            float top = shift[0];
            // Classes below 1e-20 of the likeliest count as 0: their exponentials, divided by the sum and multiplied
            // by a feature, could become subnormal floats, which x86 CPUs handle in slow microcode; no float sum of
            // the gradient can hold so small a share.
            for (int c = 0; c < vectors; c++)
            {
                var e = VectorExp.Exp(z[c] - shift);
                d[c] = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(e, Negligible), e, Vector<float>.Zero);
            }
            d[vectors - 1] *= lastMask;
            var total = d[0];
            for (int c = 1; c < vectors; c++) total += d[c];
            float sum = Vector.Sum(total);
            int label = rows.Labels[row];
            loss -= z[label / Vector<float>.Count][label % Vector<float>.Count] - top;
            // Σ log(sum) taken as the log of a product (each sum is in [1, classes]): a logarithm every few hundred
            // rows instead of one per row.
            product *= sum;
            if (product > 1e290) { loss += Math.Log(product); product = 1; }
            var inverse = new Vector<float>(1 / sum);
            for (int c = 0; c < vectors; c++) d[c] *= inverse;
            d[label / Vector<float>.Count] -= OneHots[label % Vector<float>.Count];   // ∂loss/∂z = softmax − one-hot

            if (vectors == 1) AddGradient1(ref sums, ref index, ref value, start, end, d[0]);
            else if (vectors == 2) AddGradient2(ref sums, ref index, ref value, start, end, d[0], d[1]);
            else
                for (int e = start; e < end; e++)
                {
                    var v = new Vector<float>(Unsafe.Add(ref value, e));
                    ref var gj = ref Unsafe.Add(ref sums, Unsafe.Add(ref index, e) * vectors);
                    for (int c = 0; c < vectors; c++) Unsafe.Add(ref gj, c) = Vector.FusedMultiplyAdd(v, d[c], Unsafe.Add(ref gj, c));
                }
            ref var gb = ref Unsafe.Add(ref sums, biasVector);
            for (int c = 0; c < vectors; c++) Unsafe.Add(ref gb, c) += d[c];

            if ((row - chunk.First) % RowsPerFlush == RowsPerFlush - 1 || row == chunk.End - 1) Flush(chunk);
        }
        chunk.Loss = loss + Math.Log(product);
    }

    // Scores of one vector (up to 8 classes with AVX2) or two (16): the sums stay in registers, in two sets taking
    // alternate entries, so that an addition need not wait for the one before it.
    private static void Scores1(ref Vector<float> w, ref int index, ref float value, int start, int end, ref Vector<float> z0)
    {
        var y0 = Vector<float>.Zero;
        int e = start;
        for (; e + 1 < end; e += 2)
        {
            z0 = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref value, e)), Unsafe.Add(ref w, Unsafe.Add(ref index, e)), z0);
            y0 = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref value, e + 1)), Unsafe.Add(ref w, Unsafe.Add(ref index, e + 1)), y0);
        }
        if (e < end) z0 = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref value, e)), Unsafe.Add(ref w, Unsafe.Add(ref index, e)), z0);
        z0 += y0;
    }

    private static void Scores2(ref Vector<float> w, ref int index, ref float value, int start, int end, ref Vector<float> z0, ref Vector<float> z1)
    {
        Vector<float> a0 = z0, a1 = z1, b0 = Vector<float>.Zero, b1 = Vector<float>.Zero;
        int e = start;
        for (; e + 1 < end; e += 2)
        {
            var v = new Vector<float>(Unsafe.Add(ref value, e));
            ref var wj = ref Unsafe.Add(ref w, Unsafe.Add(ref index, e) * 2);
            a0 = Vector.FusedMultiplyAdd(v, wj, a0);
            a1 = Vector.FusedMultiplyAdd(v, Unsafe.Add(ref wj, 1), a1);
            var u = new Vector<float>(Unsafe.Add(ref value, e + 1));
            ref var wk = ref Unsafe.Add(ref w, Unsafe.Add(ref index, e + 1) * 2);
            b0 = Vector.FusedMultiplyAdd(u, wk, b0);
            b1 = Vector.FusedMultiplyAdd(u, Unsafe.Add(ref wk, 1), b1);
        }
        if (e < end)
        {
            var v = new Vector<float>(Unsafe.Add(ref value, e));
            ref var wj = ref Unsafe.Add(ref w, Unsafe.Add(ref index, e) * 2);
            a0 = Vector.FusedMultiplyAdd(v, wj, a0);
            a1 = Vector.FusedMultiplyAdd(v, Unsafe.Add(ref wj, 1), a1);
        }
        z0 = a0 + b0;
        z1 = a1 + b1;
    }

    private static void AddGradient1(ref Vector<float> sums, ref int index, ref float value, int start, int end, Vector<float> d0)
    {
        for (int e = start; e < end; e++)
        {
            ref var gj = ref Unsafe.Add(ref sums, Unsafe.Add(ref index, e));
            gj = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref value, e)), d0, gj);
        }
    }

    private static void AddGradient2(ref Vector<float> sums, ref int index, ref float value, int start, int end, Vector<float> d0, Vector<float> d1)
    {
        for (int e = start; e < end; e++)
        {
            var v = new Vector<float>(Unsafe.Add(ref value, e));
            ref var gj = ref Unsafe.Add(ref sums, Unsafe.Add(ref index, e) * 2);
            gj = Vector.FusedMultiplyAdd(v, d0, gj);
            Unsafe.Add(ref gj, 1) = Vector.FusedMultiplyAdd(v, d1, Unsafe.Add(ref gj, 1));
        }
    }

    /// <summary>The largest lane of <paramref name="v"/>, in every lane: three shuffles with AVX2, not a loop over lanes.</summary>
    private static Vector<float> MaxInEveryLane(Vector<float> v)
    {
        if (Vector<float>.Count == 8)
        {
            var m = v.AsVector256();
            m = Vector256.Max(m, Vector256.Shuffle(m, Vector256.Create(4, 5, 6, 7, 0, 1, 2, 3)));
            m = Vector256.Max(m, Vector256.Shuffle(m, Vector256.Create(2, 3, 0, 1, 6, 7, 4, 5)));
            m = Vector256.Max(m, Vector256.Shuffle(m, Vector256.Create(1, 0, 3, 2, 5, 4, 7, 6)));
            return m.AsVector();
        }
        float top = v[0];
        for (int lane = 1; lane < Vector<float>.Count; lane++) top = Math.Max(top, v[lane]);
        return new Vector<float>(top);
    }

    private static readonly Vector<float> Negligible = new(1e-20f);

    private static readonly Vector<float>[] OneHots = Enumerable.Range(0, Vector<float>.Count)
        .Select(lane => new Vector<float>(Enumerable.Range(0, Vector<float>.Count).Select(i => i == lane ? 1f : 0f).ToArray()))
        .ToArray();

    private static void Flush(Chunk chunk)
    {
        var sums = chunk.Sums.Span;
        for (int i = 0; i < sums.Length; i++)
        {
            if (sums[i] == 0) continue;
            chunk.Gradient[i] += sums[i];
            sums[i] = 0;
        }
    }

    /// <summary>A fixed range of rows with its own sums.</summary>
    private sealed class Chunk(int first, int end, int size)
    {
        public int First { get; } = first;
        public int End { get; } = end;
        public CacheAlignedFloats Sums { get; } = new(size);
        public double[] Gradient { get; } = new double[size];
        public double Loss { get; set; }
    }
}
