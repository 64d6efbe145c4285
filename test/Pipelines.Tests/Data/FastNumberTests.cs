using System.Globalization;
using DeepLearning.Pipelines.Data;

namespace DeepLearning.Pipelines.Tests.Data;

/// <summary>The scoring reader's number parser gives exactly the floats (and the failures) of .NET's own parser.</summary>
[TestClass]
public sealed class FastNumberTests
{
    private static void AssertSameAsDotNet(string text)
    {
        bool expectedOk = float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var expected);
        bool ok = FastNumber.TryParse(text, out var actual);
        Assert.AreEqual(expectedOk, ok, $"'{text}': accepted");
        if (ok) Assert.AreEqual(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(actual), $"'{text}': {expected:R} vs {actual:R}");
    }

    [TestMethod]
    [DataRow("0"), DataRow("-0"), DataRow("+0"), DataRow("-0.0"), DataRow("5."), DataRow(".5"), DataRow("-.5"), DataRow("+7.25")]
    [DataRow("16777216"), DataRow("16777217"), DataRow("167772161"), DataRow("0.1"), DataRow("0.3"), DataRow("4.4964"), DataRow("109.96")]
    [DataRow("0.0000000001"), DataRow("0.00000000001"), DataRow("1234567.891"), DataRow("3.4028235e38"), DataRow("1e5"), DataRow("1E-5")]
    [DataRow("NaN"), DataRow("Infinity"), DataRow("-Infinity"), DataRow(""), DataRow("-"), DataRow("."), DataRow("1.2.3"), DataRow("1,5")]
    [DataRow("abc"), DataRow("12a"), DataRow("--1"), DataRow("0x10"), DataRow("١٢")]
    public void Edge_cases_parse_as_dotnet_does(string text) => AssertSameAsDotNet(text);

    [TestMethod]
    public void Random_decimals_parse_to_the_same_bits_as_dotnet()
    {
        var random = new Random(11);
        for (int i = 0; i < 200_000; i++)
        {
            int intDigits = random.Next(0, 9), fracDigits = random.Next(0, 12);
            var text = (random.Next(3) == 0 ? "-" : "")
                + string.Concat(Enumerable.Range(0, intDigits).Select(_ => (char)('0' + random.Next(10))))
                + (fracDigits > 0 || random.Next(4) == 0 ? "." : "")
                + string.Concat(Enumerable.Range(0, fracDigits).Select(_ => (char)('0' + random.Next(10))));
            AssertSameAsDotNet(text);
        }
        // Values as a program writes them back ("R"), the usual content of a file to score.
        for (int i = 0; i < 100_000; i++)
        {
            var value = (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 8)));
            AssertSameAsDotNet(value.ToString("R", CultureInfo.InvariantCulture));
            AssertSameAsDotNet(Math.Round(value, random.Next(0, 6)).ToString(CultureInfo.InvariantCulture));
        }
    }
}
