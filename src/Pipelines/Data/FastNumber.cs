using System.Globalization;

namespace DeepLearning.Pipelines.Data;

/// <summary>Parses the plain decimals that fill most numeric CSV cells ("59", "-3.25", "4.4964") without the general
/// parser's cost, and hands everything else to <see cref="float.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider?, out float)"/>.
/// The result is bit-for-bit what that parser returns: the fast case is Clinger's exact one — a mantissa below 2²⁴ and
/// at most ten decimals, so both the mantissa and the power of ten are exact floats and one IEEE division rounds
/// correctly, as .NET's parser does.</summary>
public static class FastNumber
{
    /// <summary>The largest mantissa of the exact case (every integer up to 2²⁴ is a float).</summary>
    public const uint MaxExactMantissa = 1u << 24;

    /// <summary>The most decimals of the exact case (10¹⁰ is the largest power of ten that is a float exactly).</summary>
    public const int MaxExactDecimals = 10;

    private static readonly float[] PowersOfTen = [1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f];

    /// <summary>Parses <paramref name="s"/> (already trimmed) as <see cref="ColumnStatistics.TryParseNumber"/> does.</summary>
    public static bool TryParse(ReadOnlySpan<char> s, out float value)
    {
        int i = 0;
        bool negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            i = 1;
        }
        uint mantissa = 0;
        int digits = 0, decimals = 0;
        bool dot = false;
        for (; i < s.Length; i++)
        {
            uint d = (uint)(s[i] - '0');
            if (d <= 9)
            {
                mantissa = mantissa * 10 + d;
                if (mantissa > MaxExactMantissa) return Slow(s, out value);
                digits++;
                if (dot) decimals++;
            }
            else if (s[i] == '.' && !dot) dot = true;
            else return Slow(s, out value);
        }
        if (digits == 0 || decimals > MaxExactDecimals) return Slow(s, out value);
        value = Exact(mantissa, decimals, negative);
        return true;
    }

    /// <summary>The value of ±<paramref name="mantissa"/> · 10^−<paramref name="decimals"/> in the exact case
    /// (mantissa ≤ <see cref="MaxExactMantissa"/>, decimals ≤ <see cref="MaxExactDecimals"/>): one correctly rounded division.</summary>
    public static float Exact(uint mantissa, int decimals, bool negative)
    {
        float magnitude = decimals == 0 ? mantissa : mantissa / PowersOfTen[decimals];
        return negative ? -magnitude : magnitude;
    }

    private static bool Slow(ReadOnlySpan<char> s, out float value) =>
        float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
