using System.Globalization;
using System.Text;
using DeepLearning.Pipelines.Data;

namespace DeepLearning.Pipelines.Tests.Data;

/// <summary>The scorer's float writer gives byte for byte the text of <c>ToString("R", CultureInfo.InvariantCulture)</c>.
/// (All 2³² bit patterns were compared once by a throwaway program; these tests keep the edges and a random sample.)</summary>
[TestClass]
public sealed class FloatTextTests
{
    private static string Format(float value)
    {
        Span<byte> buffer = stackalloc byte[FloatText.MaxLength];
        int written = FloatText.Format(value, buffer);
        return Encoding.ASCII.GetString(buffer[..written]);
    }

    private static float FromBits(uint bits) => BitConverter.UInt32BitsToSingle(bits);

    /// <summary>Compares without building strings of its own, so that a million values stay well under a second.</summary>
    private static void AssertSameAsDotNet(float value)
    {
        string expected = value.ToString("R", CultureInfo.InvariantCulture);
        Span<byte> buffer = stackalloc byte[FloatText.MaxLength];
        int written = FloatText.Format(value, buffer);
        bool same = written == expected.Length;
        for (int i = 0; same && i < written; i++) same = buffer[i] == expected[i];
        if (!same) Assert.AreEqual(expected, Format(value), $"bits {BitConverter.SingleToUInt32Bits(value):X8}");
    }

    /// <summary>The layout .NET 10 gives, spelled out, so that a change on either side shows up here by name.</summary>
    [TestMethod]
    [DataRow(0x00000000u, "0"), DataRow(0x80000000u, "-0")]
    [DataRow(0x7F800000u, "Infinity"), DataRow(0xFF800000u, "-Infinity")]
    [DataRow(0x7FC00000u, "NaN"), DataRow(0xFFC00000u, "NaN"), DataRow(0x7F800001u, "NaN"), DataRow(0xFFFFFFFFu, "NaN")]
    // Subnormals: the smallest, the largest, the smallest normal. At the bottom several one-digit forms read back
    // as the same float and the closest to the exact value wins (2ε = 2.8E-45 is "3E-45", not "2E-45").
    [DataRow(0x00000001u, "1E-45"), DataRow(0x00000002u, "3E-45"), DataRow(0x00000003u, "4E-45"), DataRow(0x00000008u, "1.1E-44")]
    [DataRow(0x007FFFFFu, "1.1754942E-38"), DataRow(0x00800000u, "1.1754944E-38")]
    [DataRow(0x7F7FFFFFu, "3.4028235E+38"), DataRow(0xFF7FFFFFu, "-3.4028235E+38")]
    // Scientific below 1E-04 and from 1E+09 on, with a sign and at least two exponent digits.
    [DataRow(0x38D1B716u, "9.999999E-05"), DataRow(0x38D1B717u, "0.0001"), DataRow(0x3727C5ACu, "1E-05")]
    [DataRow(0x4E6E6B27u, "999999940"), DataRow(0x4E6E6B28u, "1E+09"), DataRow(0x4E932BFFu, "1.234567E+09")]
    // Large integers are padded with zeros after their shortest digits, not written exactly: 2²⁹ = 536870912.
    [DataRow(0x4E000000u, "536870900"), DataRow(0x4CBEBC20u, "100000000"), DataRow(0x4B800000u, "16777216")]
    [DataRow(0x4E800000u, "1.0737418E+09"), DataRow(0x38800000u, "6.1035156E-05"), DataRow(0x39000000u, "0.00012207031")]
    // Nine significant digits, and the familiar ones.
    [DataRow(0x4120000Bu, "10.0000105"), DataRow(0x3EAAAAABu, "0.33333334"), DataRow(0x3DCCCCCDu, "0.1")]
    [DataRow(0xC2C80000u, "-100"), DataRow(0x47F1205Au, "123456.7")]
    public void Layout_matches_what_dotnet_writes(uint bits, string expected)
    {
        Assert.AreEqual(expected, FromBits(bits).ToString("R", CultureInfo.InvariantCulture), "the .NET runtime itself");
        Assert.AreEqual(expected, Format(FromBits(bits)));
    }

    [TestMethod]
    public void Powers_of_two_and_ten_match_dotnet_on_both_sides_of_the_switches()
    {
        for (int e = -149; e <= 127; e++)
        {
            float power = MathF.ScaleB(1f, e);
            foreach (float v in new[] { power, MathF.BitDecrement(power), MathF.BitIncrement(power) })
            {
                AssertSameAsDotNet(v);
                AssertSameAsDotNet(-v);
            }
        }
        for (int e = -45; e <= 38; e++)
        {
            float power = float.Parse($"1E{e}", CultureInfo.InvariantCulture);
            foreach (float v in new[] { power, MathF.BitDecrement(power), MathF.BitIncrement(power), 5 * power, 9.5f * power })
            {
                AssertSameAsDotNet(v);
                AssertSameAsDotNet(-v);
            }
        }
    }

    [TestMethod]
    public void Random_bit_patterns_match_dotnet()
    {
        var random = new Random(20261126);
        for (int i = 0; i < 1_000_000; i++) AssertSameAsDotNet(FromBits((uint)random.NextInt64(0, 1L << 32)));
    }

    /// <summary>What a scorer writes most: magnitudes 1E-03..1E+06 with 6 to 9 significant digits.</summary>
    [TestMethod]
    public void Typical_predictions_match_dotnet()
    {
        var random = new Random(7);
        for (int i = 0; i < 200_000; i++)
        {
            // A mantissa of 6 to 9 digits over a power of ten (both exact doubles, so one correctly rounded division).
            int digits = random.Next(6, 10);
            long mantissa = random.NextInt64(Powers[digits - 1], Powers[digits]);
            double value = mantissa / (double)Powers[digits - 1 + random.Next(-5, 4)];
            AssertSameAsDotNet((float)(random.Next(4) == 0 ? -value : value));
        }
    }

    private static readonly long[] Powers = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
        100_000_000, 1_000_000_000, 10_000_000_000, 100_000_000_000, 1_000_000_000_000];

    [TestMethod]
    public void A_destination_shorter_than_MaxLength_is_refused()
    {
        var buffer = new byte[FloatText.MaxLength - 1];
        Assert.ThrowsExactly<ArgumentException>(() => FloatText.Format(1f, buffer));
    }
}
