using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Tests.Data;

/// <summary>A stray word in a column of numbers is reported, not silently read as a category.</summary>
[TestClass]
public sealed class TypoInNumericColumnTests
{
    private static readonly ReadOptions Options = new("auto", true, ["", "NA"], MissingPolicy.Keep, new Dictionary<string, ColumnKind>());

    private static string Write(TempDir dir, Func<int, string> cell)
    {
        var path = dir.File("data.csv");
        File.WriteAllLines(path, new[] { "x,y" }.Concat(Enumerable.Range(0, 200).Select(i => $"{cell(i)},{i % 2}")));
        return path;
    }

    [TestMethod]
    public void OneWordAmongNumbersNamesItsLine()
    {
        using var dir = new TempDir();
        var path = Write(dir, i => i == 57 ? "twelve" : (i * 0.5).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var error = Assert.ThrowsExactly<DataException>(() => TableLoader.Load(path, Options));
        Assert.AreEqual(59, error.Line, "row 57 is on line 59 (after the header)");
        StringAssert.Contains(error.Message, "'twelve'");
        StringAssert.Contains(error.Message, "'x'");
        StringAssert.Contains(error.Message, "data.missing.values");
    }

    [TestMethod]
    public void AColumnOfWordsIsStillCategorical()
    {
        using var dir = new TempDir();
        var path = Write(dir, i => i % 3 == 0 ? "red" : i % 3 == 1 ? "green" : "7");
        var table = TableLoader.Load(path, Options);
        Assert.AreEqual(ColumnKind.Categorical, table.Find("x")!.Kind);
    }

    [TestMethod]
    public void DeclaringTheTokenMissingReadsTheColumnAsNumbers()
    {
        using var dir = new TempDir();
        var path = Write(dir, i => i == 3 ? "n/a" : i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var table = TableLoader.Load(path, Options with { MissingValues = ["", "n/a"] });
        Assert.AreEqual(ColumnKind.Numeric, table.Find("x")!.Kind);
        Assert.IsTrue(float.IsNaN(table.Find("x")!.Numbers![3]));
    }
}
