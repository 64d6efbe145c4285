using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DeepLearning.Pipelines.Data;

/// <summary>Writes a float as UTF-8 exactly as <c>value.ToString("R", CultureInfo.InvariantCulture)</c> does on .NET 10
/// (checked against it for all 2³² bit patterns), several times faster and through a handful of methods instead of the
/// generic formatter's many. The digits are <see cref="ShortestFloat"/>'s — the shortest that read back as the same
/// float, the closest of them to its exact value — laid out as .NET's shortest 'G' lays them out:
/// <list type="bullet">
/// <item>plain for 1E-04 ≤ |x| &lt; 1E+09, padded with zeros as needed ("0.0001", "123456790", "100000000");</item>
/// <item>otherwise scientific with one digit before the point, 'E', a sign always, and at least two exponent digits
/// ("1E+09", "1.2345E-05", "3.4028235E+38", "1E-45");</item>
/// <item>"-0" for negative zero, "Infinity" and "-Infinity", and "NaN" whatever the NaN's sign and payload.</item>
/// </list></summary>
public static class FloatText
{
    /// <summary>The room <see cref="Format"/> asks for. The longest text is 15 bytes ("-0.000" and nine digits), but the
    /// layout writes whole 8-byte words of zeros and moves 8 bytes at a time, up to 18 bytes in.</summary>
    public const int MaxLength = 32;

    /// <summary>.NET writes scientific notation once the decimal point would sit more than this many digits right of
    /// the first digit (at 1E+09 and above)...</summary>
    private const int MaxPlainScale = 9;

    /// <summary>...or more than three zeros left of it (below 1E-04).</summary>
    private const int MinPlainScale = -3;

    /// <summary>Writes <paramref name="value"/> into <paramref name="destination"/> (at least <see cref="MaxLength"/>
    /// bytes) and returns the number of bytes written.</summary>
    public static int Format(float value, Span<byte> destination)
    {
        if (destination.Length < MaxLength)
            throw new ArgumentException($"FloatText needs {MaxLength} bytes of room, got {destination.Length}.", nameof(destination));
        ref byte d = ref MemoryMarshal.GetReference(destination);

        uint bits = BitConverter.SingleToUInt32Bits(value);
        uint ieeeMantissa = bits & 0x7F_FFFF;
        uint ieeeExponent = (bits >> 23) & 0xFF;
        if (ieeeExponent == 0xFF) return WriteNonFinite(ieeeMantissa, (int)bits < 0, ref d);

        int pos = 0;
        if ((int)bits < 0) Unsafe.Add(ref d, pos++) = (byte)'-';
        if (ieeeExponent == 0 && ieeeMantissa == 0)
        {
            Unsafe.Add(ref d, pos) = (byte)'0';
            return pos + 1;
        }

        uint digits = ShortestFloat.Digits(ieeeMantissa, ieeeExponent, out int exponent);
        // The layout counts digits, and .NET's never end in zero. Ryu's did not for any finite float (checked once over
        // all of them: a round-up to …0 would have let its loop drop one more digit); the guard costs one remainder.
        while (digits % 10 == 0)
        {
            digits /= 10;
            exponent++;
        }
        return pos + WriteDigits(digits, exponent, ref Unsafe.Add(ref d, pos));
    }

    /// <summary>Lays out digits·10^exponent (digits without trailing zeros). The digits are written once, in one run,
    /// and the decimal point is made room for by moving the (at most 8) digits after it one byte on: cheaper than
    /// splitting the number by a variable power of ten. Every write stays within the first 17 bytes (18 with a sign).</summary>
    private static int WriteDigits(uint digits, int exponent, ref byte d)
    {
        int count = DigitCount(digits);
        // The place of the decimal point counted from the first digit: 1.5 has scale 1, 0.015 has scale -1.
        int scale = count + exponent;
        if (scale > MaxPlainScale || scale < MinPlainScale) return WriteScientific(digits, count, scale - 1, ref d);

        if (scale <= 0)
        {
            // "0." then -scale (at most 3) zeros then the digits.
            Unsafe.WriteUnaligned(ref d, EightZeros);
            Unsafe.Add(ref d, 1) = (byte)'.';
            WriteFixedCount(digits, count, ref Unsafe.Add(ref d, 2 - scale));
            return 2 - scale + count;
        }
        WriteFixedCount(digits, count, ref d);
        if (scale >= count)
        {
            // An integer: the digits then scale - count (at most 8) zeros.
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, count), EightZeros);
            return scale;
        }
        ulong fraction = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref d, scale));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, scale + 1), fraction);
        Unsafe.Add(ref d, scale) = (byte)'.';
        return count + 1;
    }

    /// <summary>d[.ddd]E±XX with at least two exponent digits (a float's decimal exponent never needs three).</summary>
    private static int WriteScientific(uint digits, int count, int exponent, ref byte d)
    {
        // The digits go one byte on, then the first comes back in front of the point.
        WriteFixedCount(digits, count, ref Unsafe.Add(ref d, 1));
        Unsafe.Add(ref d, 0) = Unsafe.Add(ref d, 1);
        int pos = 1;
        if (count > 1)
        {
            Unsafe.Add(ref d, 1) = (byte)'.';
            pos = count + 1;
        }
        Unsafe.Add(ref d, pos) = (byte)'E';
        Unsafe.Add(ref d, pos + 1) = exponent < 0 ? (byte)'-' : (byte)'+';
        WriteFixedCount((uint)Math.Abs(exponent), 2, ref Unsafe.Add(ref d, pos + 2));
        return pos + 4;
    }

    private static int WriteNonFinite(uint ieeeMantissa, bool negative, ref byte d)
    {
        ReadOnlySpan<byte> text = ieeeMantissa != 0 ? "NaN"u8 : negative ? "-Infinity"u8 : "Infinity"u8;
        text.CopyTo(MemoryMarshal.CreateSpan(ref d, text.Length));
        return text.Length;
    }

    /// <summary>Writes exactly <paramref name="count"/> digits of <paramref name="value"/> (zero-padded on the left),
    /// two at a time from the right.</summary>
    private static void WriteFixedCount(uint value, int count, ref byte d)
    {
        ref byte pairs = ref MemoryMarshal.GetReference(DigitPairs);
        int i = count;
        while (i >= 2)
        {
            uint pair = value % 100;
            value /= 100;
            i -= 2;
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, i), Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref pairs, (int)pair * 2)));
        }
        if (i == 1) Unsafe.Add(ref d, 0) = (byte)('0' + value);
    }

    /// <summary>The number of decimal digits of a non-zero value below 10⁹ (a float's shortest form has at most 9):
    /// log₁₀ from log₂ (1233/4096 ≈ log₁₀ 2), corrected by one comparison.</summary>
    private static int DigitCount(uint value)
    {
        int estimate = ((BitOperations.Log2(value) + 1) * 1233) >> 12;
        return estimate + (value >= PowersOfTen[estimate] ? 1 : 0);
    }

    private static ulong EightZeros => 0x3030_3030_3030_3030UL;

    private static ReadOnlySpan<uint> PowersOfTen => [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

    private static ReadOnlySpan<byte> DigitPairs =>
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;
}
