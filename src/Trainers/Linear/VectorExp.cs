using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DeepLearning.Trainers.Linear;

/// <summary>eˣ on a whole SIMD vector of floats, within 1.2e-7 relative of <see cref="MathF.Exp"/> over
/// [−87, 88] (the test checks it). The runtime's <c>Vector.Exp</c> measured 4× slower here, and the softmax loss
/// exponentiates every class of every row on every pass.</summary>
public static class VectorExp
{
    /// <summary>eˣ per lane; x is clamped to [−87.3, 88.3] (below: ≈ 1e-38 instead of 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Exp(Vector<float> x)
    {
        // eˣ = 2ⁿ·eʳ with n = round(x / ln 2) and |r| ≤ ln 2 / 2; ln 2 is split in two parts so r keeps its bits;
        // eʳ by Cephes' degree-6 polynomial for expf.
        x = Vector.Min(Vector.Max(x, new Vector<float>(-87.3f)), new Vector<float>(88.3f));
        var n = Vector.Round(x * new Vector<float>(1.44269504088896341f));
        var r = Vector.FusedMultiplyAdd(n, new Vector<float>(-0.693359375f), x);
        r = Vector.FusedMultiplyAdd(n, new Vector<float>(2.12194440e-4f), r);
        var p = new Vector<float>(1.9875691500e-4f);
        p = Vector.FusedMultiplyAdd(p, r, new Vector<float>(1.3981999507e-3f));
        p = Vector.FusedMultiplyAdd(p, r, new Vector<float>(8.3334519073e-3f));
        p = Vector.FusedMultiplyAdd(p, r, new Vector<float>(4.1665795894e-2f));
        p = Vector.FusedMultiplyAdd(p, r, new Vector<float>(1.6666665459e-1f));
        p = Vector.FusedMultiplyAdd(p, r, new Vector<float>(5.0000001201e-1f));
        p = Vector.FusedMultiplyAdd(p, r * r, r + Vector<float>.One);
        var twoToN = Vector.AsVectorSingle((Vector.ConvertToInt32(n) + new Vector<int>(127)) << 23);
        return p * twoToN;
    }

    /// <summary>As <see cref="Exp(Vector{float})"/>, 16 lanes: the same steps written again, since the runtime's
    /// interface over its vector types is not public.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        x = Vector512.Min(Vector512.Max(x, Vector512.Create(-87.3f)), Vector512.Create(88.3f));
        var n = Vector512.Round(x * Vector512.Create(1.44269504088896341f));
        var r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-0.693359375f), x);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(2.12194440e-4f), r);
        var p = Vector512.Create(1.9875691500e-4f);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.3981999507e-3f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(8.3334519073e-3f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(4.1665795894e-2f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.6666665459e-1f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(5.0000001201e-1f));
        p = Vector512.FusedMultiplyAdd(p, r * r, r + Vector512<float>.One);
        var twoToN = ((Vector512.ConvertToInt32(n) + Vector512.Create(127)) << 23).AsSingle();
        return p * twoToN;
    }
}
