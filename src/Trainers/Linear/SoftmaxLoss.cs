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

    private readonly SparseRows rows;
    private readonly int classes;
    private readonly int padded;            // classes rounded up to whole SIMD vectors
    private readonly int vectors;           // SIMD vectors per row of classes: padded / lanes
    private readonly double l2;
    private readonly CacheAlignedFloats weights;   // W then b, padded, single precision for the passes
    private readonly Chunk[] chunks;
    private readonly bool sixteenLanes;     // 9–16 classes as one AVX-512 vector

    /// <summary>The loss of <paramref name="rows"/> over <paramref name="classes"/> classes with L2 weight
    /// <paramref name="l2"/>; the rows are cut into chunks of about <paramref name="entriesPerChunk"/> stored
    /// values, passed over in parallel. <paramref name="wideVectors"/>: take 9 to 16 classes as one 16-lane vector
    /// where the processor has AVX-512 (tests turn it off to compare with the 8-lane path).</summary>
    public SoftmaxLoss(SparseRows rows, int classes, double l2, int entriesPerChunk = EntriesPerChunk, bool wideVectors = true)
    {
        if (rows.Count == 0) throw new ArgumentException("no rows to fit", nameof(rows));
        this.rows = rows;
        this.classes = classes;
        this.l2 = l2;
        padded = (classes + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;
        vectors = padded / Vector<float>.Count;
        weights = new CacheAlignedFloats((rows.Width + 1) * padded);
        for (int k = classes; k < padded; k++) weights.Span[rows.Width * padded + k] = float.NegativeInfinity;
        sixteenLanes = wideVectors && padded == 16 && Vector<float>.Count == 8 && Vector512.IsHardwareAccelerated;
        int count = Math.Clamp(rows.Values.Length / entriesPerChunk, 1, Math.Min(MaxChunks, rows.Count));
        chunks = Enumerable.Range(0, count)
            .Select(c => new Chunk(ColumnBlocks.Build(rows, (int)((long)rows.Count * c / count), (int)((long)rows.Count * (c + 1) / count)),
                padded, weights.Length))
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

    /// <summary>One chunk's loss and gradient, block by block in three steps, each leaving the rows independent so
    /// that the processor overlaps them: every row's scores, every row's softmax − one-hot (written over its scores),
    /// then the gradient feature by feature. In the padded layout the padding classes have weights 0 and bias −∞: they
    /// never hold the maximum, and their exponentials fall below the negligible share, so they count as 0.</summary>
    private void Pass(Chunk chunk)
    {
        var blocks = chunk.Blocks;
        ref var w = ref Unsafe.As<float, Vector<float>>(ref weights.First);
        ref var z = ref Unsafe.As<float, Vector<float>>(ref chunk.Scores.First);
        ref var sum = ref Unsafe.As<float, Vector<float>>(ref chunk.FeatureSum.First);
        ref var bias = ref Unsafe.Add(ref w, rows.Width * vectors);
        ref int index = ref MemoryMarshal.GetArrayDataReference(rows.Indices);
        ref float value = ref MemoryMarshal.GetArrayDataReference(rows.Values);
        ref int blockRow = ref MemoryMarshal.GetArrayDataReference(blocks.Rows);
        ref float blockValue = ref MemoryMarshal.GetArrayDataReference(blocks.Values);
        Array.Clear(chunk.Gradient);
        double loss = 0, product = 1;
        for (int b = 0; b < blocks.Count; b++)
        {
            int first = blocks.RowStarts[b], count = blocks.RowStarts[b + 1] - first;
            for (int r = 0; r < count; r++)
            {
                ref var zr = ref Unsafe.Add(ref z, r * vectors);
                WeightedSum(ref w, ref index, ref value, rows.Starts[first + r], rows.Starts[first + r + 1], ref zr);
                for (int c = 0; c < vectors; c++) Unsafe.Add(ref zr, c) += Unsafe.Add(ref bias, c);
            }

            var labels = rows.Labels.AsSpan(first, count);
            int biasAt = rows.Width * padded;
            if (sixteenLanes) Softmax16(ref Wide(ref z), labels, ref loss, ref product, chunk.Gradient, biasAt);
            else Softmax(ref z, vectors, labels, ref loss, ref product, chunk.Gradient, biasAt);

            for (int slot = blocks.FeatureStarts[b]; slot < blocks.FeatureStarts[b + 1]; slot++)
            {
                WeightedSum(ref z, ref blockRow, ref blockValue, blocks.EntryStarts[slot], blocks.EntryStarts[slot + 1], ref sum);
                int at = blocks.Features[slot] * padded;
                for (int c = 0; c < vectors; c++) ScoreKernels.AddTo(chunk.Gradient, at + c * Vector<float>.Count, Unsafe.Add(ref sum, c));
            }
        }
        chunk.Loss = loss + Math.Log(product);
    }

    /// <summary>Σ value[e] · m[index[e]] over entries [<paramref name="from"/>, <paramref name="to"/>) into
    /// <paramref name="result"/>, a row of m being the padded classes: a row's scores (m = the weights, index =
    /// features) or a feature's gradient over a block (m = the block's softmax − one-hot, index = rows).</summary>
    private void WeightedSum(ref Vector<float> m, ref int index, ref float value, int from, int to, ref Vector<float> result)
    {
        if (sixteenLanes) Wide(ref result) = ScoreKernels.WeightedRows16(ref Wide(ref m), ref index, ref value, from, to);
        else if (vectors == 1) result = ScoreKernels.WeightedRows1(ref m, ref index, ref value, from, to);
        else if (vectors == 2) ScoreKernels.WeightedRows2(ref m, ref index, ref value, from, to, out result, out Unsafe.Add(ref result, 1));
        else
        {
            for (int c = 0; c < vectors; c++) Unsafe.Add(ref result, c) = Vector<float>.Zero;
            for (int e = from; e < to; e++)
            {
                var v = new Vector<float>(Unsafe.Add(ref value, e));
                ref var mj = ref Unsafe.Add(ref m, Unsafe.Add(ref index, e) * vectors);
                for (int c = 0; c < vectors; c++) Unsafe.Add(ref result, c) = Vector.FusedMultiplyAdd(v, Unsafe.Add(ref mj, c), Unsafe.Add(ref result, c));
            }
        }
    }

    private static ref Vector512<float> Wide(ref Vector<float> v) => ref Unsafe.As<Vector<float>, Vector512<float>>(ref v);

    // Each row's −log softmax at its label goes into the loss, and its softmax − one-hot (∂loss/∂scores) replaces its
    // scores. Classes below 1e-20 of the likeliest count as 0: their exponentials, divided by the sum and multiplied by
    // a feature, could become subnormal floats, which x86 CPUs handle in slow microcode; no float sum of the gradient
    // can hold so small a share. Σ log(sum) is taken as the log of a product (each sum is in [1, classes]): a logarithm
    // every few hundred rows instead of one per row.

    /// <summary>The softmax step for rows of 16 lanes; adds their derivatives to the biases' gradient at
    /// <paramref name="biasAt"/>.</summary>
    private static void Softmax16(ref Vector512<float> z, ReadOnlySpan<int> labels, ref double loss, ref double product, double[] gradient, int biasAt)
    {
        var biasSum = Vector512<float>.Zero;
        for (int r = 0; r < labels.Length; r++)
        {
            ref var zr = ref Unsafe.Add(ref z, r);
            var scores = zr;
            var shift = ScoreKernels.MaxInEveryLane(scores);
            int label = labels[r];
            loss -= scores.GetElement(label) - shift.ToScalar();
            var e = VectorExp.Exp(scores - shift);
            e = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(e, Negligible16), e, Vector512<float>.Zero);
            float sum = ScoreKernels.SumInEveryLane(e).ToScalar();
            product *= sum;
            if (product > 1e290) { loss += Math.Log(product); product = 1; }
            zr = e * Vector512.Create(1 / sum) - OneHots16[label];   // a scalar division: a 16-lane one is slow to issue
            biasSum += zr;
        }
        ScoreKernels.AddTo(gradient, biasAt, biasSum.GetLower().AsVector());
        ScoreKernels.AddTo(gradient, biasAt + 8, biasSum.GetUpper().AsVector());
    }

    /// <summary>The softmax step for rows of <paramref name="vectors"/> vectors; adds their derivatives to the biases'
    /// gradient at <paramref name="biasAt"/>.</summary>
    private static void Softmax(ref Vector<float> z, int vectors, ReadOnlySpan<int> labels, ref double loss, ref double product, double[] gradient, int biasAt)
    {
        Span<Vector<float>> biasSums = stackalloc Vector<float>[vectors];
        biasSums.Clear();
        for (int r = 0; r < labels.Length; r++)
        {
            ref var zr = ref Unsafe.Add(ref z, r * vectors);
            var max = zr;
            for (int c = 1; c < vectors; c++) max = Vector.Max(max, Unsafe.Add(ref zr, c));
            var shift = ScoreKernels.MaxInEveryLane(max);
            int label = labels[r];
            loss -= Unsafe.Add(ref zr, label / Vector<float>.Count)[label % Vector<float>.Count] - shift[0];
            var total = Vector<float>.Zero;
            for (int c = 0; c < vectors; c++)
            {
                var e = VectorExp.Exp(Unsafe.Add(ref zr, c) - shift);
                e = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(e, Negligible), e, Vector<float>.Zero);
                Unsafe.Add(ref zr, c) = e;
                total += e;
            }
            float sum = Vector.Sum(total);
            product *= sum;
            if (product > 1e290) { loss += Math.Log(product); product = 1; }
            var inverse = new Vector<float>(1 / sum);
            for (int c = 0; c < vectors; c++) Unsafe.Add(ref zr, c) *= inverse;
            Unsafe.Add(ref zr, label / Vector<float>.Count) -= OneHots[label % Vector<float>.Count];
            for (int c = 0; c < vectors; c++) biasSums[c] += Unsafe.Add(ref zr, c);
        }
        for (int c = 0; c < vectors; c++) ScoreKernels.AddTo(gradient, biasAt + c * Vector<float>.Count, biasSums[c]);
    }

    private static readonly Vector<float> Negligible = new(1e-20f);
    private static readonly Vector512<float> Negligible16 = Vector512.Create(1e-20f);

    private static readonly Vector<float>[] OneHots = Enumerable.Range(0, Vector<float>.Count)
        .Select(lane => new Vector<float>(Enumerable.Range(0, Vector<float>.Count).Select(i => i == lane ? 1f : 0f).ToArray()))
        .ToArray();

    private static readonly Vector512<float>[] OneHots16 = Enumerable.Range(0, 16)
        .Select(lane => Vector512.Create(Enumerable.Range(0, 16).Select(i => i == lane ? 1f : 0f).ToArray()))
        .ToArray();

    /// <summary>A fixed range of rows, transposed block by block, with its own scores and sums.</summary>
    private sealed class Chunk(ColumnBlocks blocks, int padded, int size)
    {
        public ColumnBlocks Blocks { get; } = blocks;
        public CacheAlignedFloats Scores { get; } = new(ColumnBlocks.MaxRows * padded);
        public CacheAlignedFloats FeatureSum { get; } = new(padded);
        public double[] Gradient { get; } = new double[size];
        public double Loss { get; set; }
    }
}
