namespace DeepLearning.Pipelines.Data;

/// <summary>Ryu's float algorithm (Ulf Adams, "Ryū: fast float-to-string conversion", PLDI 2018, the reference f2s.c):
/// the shortest decimal digits that read back as the same float, and of those the closest to the exact binary value
/// (ties to even). Only 32- and 64-bit integer arithmetic: the exact value m·2^e is scaled by a 64-bit approximation
/// of 5^±q whose error the paper proves too small to change any digit kept.</summary>
internal static class ShortestFloat
{
    private const int MantissaBits = 23;
    private const int ExponentBias = 127;
    private const int Pow5InverseBitCount = 59;
    private const int Pow5BitCount = 61;

    /// <summary>Returns digits and exponent with value = digits·10^exponent, for a finite, non-zero float's mantissa
    /// and exponent fields (sign excluded). Over every finite float the digits were never found to end in zero.</summary>
    public static uint Digits(uint ieeeMantissa, uint ieeeExponent, out int exponent)
    {
        int e2;
        uint m2;
        if (ieeeExponent == 0)
        {
            e2 = 1 - ExponentBias - MantissaBits - 2;
            m2 = ieeeMantissa;
        }
        else
        {
            e2 = (int)ieeeExponent - ExponentBias - MantissaBits - 2;
            m2 = (1u << MantissaBits) | ieeeMantissa;
        }
        // Round-to-even reading accepts a boundary that lies exactly halfway when the mantissa is even.
        bool acceptBounds = (m2 & 1) == 0;

        // The float and the halfway points to its neighbours, times 4 so that all three are integers. The lower
        // neighbour is half as far when the mantissa is a power of two (the exponent steps down below it).
        uint mv = 4 * m2;
        uint mp = 4 * m2 + 2;
        uint mmShift = ieeeMantissa != 0 || ieeeExponent <= 1 ? 1u : 0u;
        uint mm = 4 * m2 - 1 - mmShift;

        uint vr, vp, vm;
        int e10;
        bool vmIsTrailingZeros = false, vrIsTrailingZeros = false;
        uint lastRemovedDigit = 0;
        if (e2 >= 0)
        {
            uint q = Log10Pow2(e2);
            e10 = (int)q;
            int k = Pow5InverseBitCount + Pow5Bits((int)q) - 1;
            int i = -e2 + (int)q + k;
            vr = MulShift(mv, Pow5InverseSplit[(int)q], i);
            vp = MulShift(mp, Pow5InverseSplit[(int)q], i);
            vm = MulShift(mm, Pow5InverseSplit[(int)q], i);
            if (q != 0 && (vp - 1) / 10 <= vm / 10)
            {
                // One digit more is needed for rounding even when the loop below removes none.
                int l = Pow5InverseBitCount + Pow5Bits((int)(q - 1)) - 1;
                lastRemovedDigit = MulShift(mv, Pow5InverseSplit[(int)q - 1], -e2 + (int)q - 1 + l) % 10;
            }
            if (q <= 9)
            {
                // Only one of mp, mv and mm can be a multiple of 5, if any.
                if (mv % 5 == 0) vrIsTrailingZeros = IsMultipleOfPowerOf5(mv, q);
                else if (acceptBounds) vmIsTrailingZeros = IsMultipleOfPowerOf5(mm, q);
                else vp -= IsMultipleOfPowerOf5(mp, q) ? 1u : 0u;
            }
        }
        else
        {
            uint q = Log10Pow5(-e2);
            e10 = (int)q + e2;
            int i = -e2 - (int)q;
            int k = Pow5Bits(i) - Pow5BitCount;
            int j = (int)q - k;
            vr = MulShift(mv, Pow5Split[i], j);
            vp = MulShift(mp, Pow5Split[i], j);
            vm = MulShift(mm, Pow5Split[i], j);
            if (q != 0 && (vp - 1) / 10 <= vm / 10)
            {
                j = (int)q - 1 - (Pow5Bits(i + 1) - Pow5BitCount);
                lastRemovedDigit = MulShift(mv, Pow5Split[i + 1], j) % 10;
            }
            if (q <= 1)
            {
                // mv = 4·m2 has two trailing zero bits; mm has one exactly when mmShift is 1; mp always has one.
                vrIsTrailingZeros = true;
                if (acceptBounds) vmIsTrailingZeros = mmShift == 1;
                else vp--;
            }
            else if (q < 31)
            {
                vrIsTrailingZeros = (mv & ((1u << ((int)q - 1)) - 1)) == 0;
            }
        }

        int removed = 0;
        uint output;
        if (vmIsTrailingZeros || vrIsTrailingZeros)
        {
            // The rare case (about 4 %): the exact value or the lower bound ends in zeros, so ties and an
            // inclusive lower bound must be tracked digit by digit.
            while (vp / 10 > vm / 10)
            {
                vmIsTrailingZeros &= vm % 10 == 0;
                vrIsTrailingZeros &= lastRemovedDigit == 0;
                lastRemovedDigit = vr % 10;
                vr /= 10; vp /= 10; vm /= 10;
                removed++;
            }
            if (vmIsTrailingZeros)
            {
                while (vm % 10 == 0)
                {
                    vrIsTrailingZeros &= lastRemovedDigit == 0;
                    lastRemovedDigit = vr % 10;
                    vr /= 10; vp /= 10; vm /= 10;
                    removed++;
                }
            }
            // Exactly ...50…0 rounds to the even digit.
            if (vrIsTrailingZeros && lastRemovedDigit == 5 && vr % 2 == 0) lastRemovedDigit = 4;
            bool roundUp = (vr == vm && (!acceptBounds || !vmIsTrailingZeros)) || lastRemovedDigit >= 5;
            output = vr + (roundUp ? 1u : 0u);
        }
        else
        {
            while (vp / 10 > vm / 10)
            {
                lastRemovedDigit = vr % 10;
                vr /= 10; vp /= 10; vm /= 10;
                removed++;
            }
            output = vr + (vr == vm || lastRemovedDigit >= 5 ? 1u : 0u);
        }
        exponent = e10 + removed;
        return output;
    }

    /// <summary>⌈log₂ 5^e⌉ (1 for e = 0), exact for 0 ≤ e ≤ 3528.</summary>
    private static int Pow5Bits(int e) => (int)(((uint)e * 1217359) >> 19) + 1;

    /// <summary>⌊log₁₀ 2^e⌋, exact for 0 ≤ e ≤ 1650.</summary>
    private static uint Log10Pow2(int e) => ((uint)e * 78913) >> 18;

    /// <summary>⌊log₁₀ 5^e⌋, exact for 0 ≤ e ≤ 2620.</summary>
    private static uint Log10Pow5(int e) => ((uint)e * 732923) >> 20;

    private static bool IsMultipleOfPowerOf5(uint value, uint p)
    {
        uint count = 0;
        while (value % 5 == 0)
        {
            value /= 5;
            count++;
        }
        return count >= p;
    }

    /// <summary>(m · factor) >> shift for a 64-bit factor, shift > 32, in two 32×32-bit products.</summary>
    private static uint MulShift(uint m, ulong factor, int shift)
    {
        ulong bits0 = (ulong)m * (uint)factor;
        ulong bits1 = (ulong)m * (uint)(factor >> 32);
        ulong sum = (bits0 >> 32) + bits1;
        return (uint)(sum >> (shift - 32));
    }

    /// <summary>⌊2^(Pow5Bits(q) − 1 + 59) / 5^q⌋ + 1 for q = 0..30 (the positive exponents of a float need q ≤ 30).</summary>
    private static ReadOnlySpan<ulong> Pow5InverseSplit =>
    [
        576460752303423489UL, 461168601842738791UL, 368934881474191033UL, 295147905179352826UL,
        472236648286964522UL, 377789318629571618UL, 302231454903657294UL, 483570327845851670UL,
        386856262276681336UL, 309485009821345069UL, 495176015714152110UL, 396140812571321688UL,
        316912650057057351UL, 507060240091291761UL, 405648192073033409UL, 324518553658426727UL,
        519229685853482763UL, 415383748682786211UL, 332306998946228969UL, 531691198313966350UL,
        425352958651173080UL, 340282366920938464UL, 544451787073501542UL, 435561429658801234UL,
        348449143727040987UL, 557518629963265579UL, 446014903970612463UL, 356811923176489971UL,
        570899077082383953UL, 456719261665907162UL, 365375409332725730UL
    ];

    /// <summary>The top 61 bits of 5^i for i = 0..46 (the smallest subnormal needs i = 46).</summary>
    private static ReadOnlySpan<ulong> Pow5Split =>
    [
        1152921504606846976UL, 1441151880758558720UL, 1801439850948198400UL, 2251799813685248000UL,
        1407374883553280000UL, 1759218604441600000UL, 2199023255552000000UL, 1374389534720000000UL,
        1717986918400000000UL, 2147483648000000000UL, 1342177280000000000UL, 1677721600000000000UL,
        2097152000000000000UL, 1310720000000000000UL, 1638400000000000000UL, 2048000000000000000UL,
        1280000000000000000UL, 1600000000000000000UL, 2000000000000000000UL, 1250000000000000000UL,
        1562500000000000000UL, 1953125000000000000UL, 1220703125000000000UL, 1525878906250000000UL,
        1907348632812500000UL, 1192092895507812500UL, 1490116119384765625UL, 1862645149230957031UL,
        1164153218269348144UL, 1455191522836685180UL, 1818989403545856475UL, 2273736754432320594UL,
        1421085471520200371UL, 1776356839400250464UL, 2220446049250313080UL, 1387778780781445675UL,
        1734723475976807094UL, 2168404344971008868UL, 1355252715606880542UL, 1694065894508600678UL,
        2117582368135750847UL, 1323488980084844279UL, 1654361225106055349UL, 2067951531382569187UL,
        1292469707114105741UL, 1615587133892632177UL, 2019483917365790221UL
    ];
}
