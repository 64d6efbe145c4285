using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DeepLearning.Trainers.Linear;

/// <summary>The inner loops of <see cref="SoftmaxLoss"/>, over rows of per-class values held as one SIMD vector
/// (up to 8 classes with AVX2), two, or one 16-lane AVX-512 vector (9 to 16 classes, the padded layout being the same
/// 16 floats as two 8-lane vectors).</summary>
internal static class ScoreKernels
{
    // Σ value[e] · m[index[e]] over entries [from, to): a row's scores (m = the weights, index = features) or a
    // feature's gradient over a block (m = softmax − one-hot of the block's rows, index = rows). Four sets of sums take
    // every fourth entry, so that no addition waits for the one before it.

    /// <summary>The weighted sum when a row of m is one vector.</summary>
    public static Vector<float> WeightedRows1(ref Vector<float> m, ref int index, ref float value, int from, int to)
    {
        Vector<float> a = Vector<float>.Zero, b = a, c = a, d = a;
        int e = from;
        for (; e + 3 < to; e += 4)
        {
            a = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref value, e)), Unsafe.Add(ref m, Unsafe.Add(ref index, e)), a);
            b = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref value, e + 1)), Unsafe.Add(ref m, Unsafe.Add(ref index, e + 1)), b);
            c = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref value, e + 2)), Unsafe.Add(ref m, Unsafe.Add(ref index, e + 2)), c);
            d = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref value, e + 3)), Unsafe.Add(ref m, Unsafe.Add(ref index, e + 3)), d);
        }
        for (; e < to; e++) a = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref value, e)), Unsafe.Add(ref m, Unsafe.Add(ref index, e)), a);
        return (a + b) + (c + d);
    }

    /// <summary>The weighted sum when a row of m is two vectors.</summary>
    public static void WeightedRows2(ref Vector<float> m, ref int index, ref float value, int from, int to, out Vector<float> low, out Vector<float> high)
    {
        Vector<float> a0 = Vector<float>.Zero, a1 = a0, b0 = a0, b1 = a0, c0 = a0, c1 = a0, d0 = a0, d1 = a0;
        int e = from;
        for (; e + 3 < to; e += 4)
        {
            var v = new Vector<float>(Unsafe.Add(ref value, e));
            ref var mv = ref Unsafe.Add(ref m, Unsafe.Add(ref index, e) * 2);
            a0 = Vector.FusedMultiplyAdd(v, mv, a0);
            a1 = Vector.FusedMultiplyAdd(v, Unsafe.Add(ref mv, 1), a1);
            var u = new Vector<float>(Unsafe.Add(ref value, e + 1));
            ref var mu = ref Unsafe.Add(ref m, Unsafe.Add(ref index, e + 1) * 2);
            b0 = Vector.FusedMultiplyAdd(u, mu, b0);
            b1 = Vector.FusedMultiplyAdd(u, Unsafe.Add(ref mu, 1), b1);
            var t = new Vector<float>(Unsafe.Add(ref value, e + 2));
            ref var mt = ref Unsafe.Add(ref m, Unsafe.Add(ref index, e + 2) * 2);
            c0 = Vector.FusedMultiplyAdd(t, mt, c0);
            c1 = Vector.FusedMultiplyAdd(t, Unsafe.Add(ref mt, 1), c1);
            var q = new Vector<float>(Unsafe.Add(ref value, e + 3));
            ref var mq = ref Unsafe.Add(ref m, Unsafe.Add(ref index, e + 3) * 2);
            d0 = Vector.FusedMultiplyAdd(q, mq, d0);
            d1 = Vector.FusedMultiplyAdd(q, Unsafe.Add(ref mq, 1), d1);
        }
        for (; e < to; e++)
        {
            var v = new Vector<float>(Unsafe.Add(ref value, e));
            ref var mv = ref Unsafe.Add(ref m, Unsafe.Add(ref index, e) * 2);
            a0 = Vector.FusedMultiplyAdd(v, mv, a0);
            a1 = Vector.FusedMultiplyAdd(v, Unsafe.Add(ref mv, 1), a1);
        }
        low = (a0 + b0) + (c0 + d0);
        high = (a1 + b1) + (c1 + d1);
    }

    /// <summary>The weighted sum when a row of m is one 16-lane vector: one load per entry where two 8-lane vectors
    /// take two.</summary>
    public static Vector512<float> WeightedRows16(ref Vector512<float> m, ref int index, ref float value, int from, int to)
    {
        Vector512<float> a = Vector512<float>.Zero, b = a, c = a, d = a;
        int e = from;
        for (; e + 3 < to; e += 4)
        {
            a = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref value, e)), Unsafe.Add(ref m, Unsafe.Add(ref index, e)), a);
            b = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref value, e + 1)), Unsafe.Add(ref m, Unsafe.Add(ref index, e + 1)), b);
            c = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref value, e + 2)), Unsafe.Add(ref m, Unsafe.Add(ref index, e + 2)), c);
            d = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref value, e + 3)), Unsafe.Add(ref m, Unsafe.Add(ref index, e + 3)), d);
        }
        for (; e < to; e++) a = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref value, e)), Unsafe.Add(ref m, Unsafe.Add(ref index, e)), a);
        return (a + b) + (c + d);
    }

    /// <summary>The largest lane of <paramref name="v"/>, in every lane: three shuffles with AVX2, not a loop over lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> MaxInEveryLane(Vector<float> v)
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

    /// <summary>The largest lane of <paramref name="m"/>, in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MaxInEveryLane(Vector512<float> m)
    {
        m = Vector512.Max(m, Vector512.Shuffle(m, Vector512.Create(8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7)));
        m = Vector512.Max(m, Vector512.Shuffle(m, Vector512.Create(4, 5, 6, 7, 0, 1, 2, 3, 12, 13, 14, 15, 8, 9, 10, 11)));
        m = Vector512.Max(m, Vector512.Shuffle(m, Vector512.Create(2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13)));
        return Vector512.Max(m, Vector512.Shuffle(m, Vector512.Create(1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14)));
    }

    /// <summary>The sum of the lanes of <paramref name="m"/>, in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> SumInEveryLane(Vector512<float> m)
    {
        m += Vector512.Shuffle(m, Vector512.Create(8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7));
        m += Vector512.Shuffle(m, Vector512.Create(4, 5, 6, 7, 0, 1, 2, 3, 12, 13, 14, 15, 8, 9, 10, 11));
        m += Vector512.Shuffle(m, Vector512.Create(2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13));
        return m + Vector512.Shuffle(m, Vector512.Create(1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14));
    }

    /// <summary>Adds <paramref name="v"/> to <paramref name="sums"/>[at..at + lanes), in double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddTo(double[] sums, int at, Vector<float> v)
    {
        Vector.Widen(v, out var low, out var high);
        ref var s = ref Unsafe.As<double, Vector<double>>(ref sums[at]);
        s += low;
        Unsafe.Add(ref s, 1) += high;
    }
}
