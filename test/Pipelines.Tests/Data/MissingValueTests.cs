using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Tests.Data;

/// <summary>Missing-value tokens and the keep / drop_rows / error policies.</summary>
[TestClass]
public sealed class MissingValueTests
{
    private const string Gaps = "n,c,b\n1,x,yes\nNA,y,no\n3,?,yes\n4,z,\n5, null ,no\n";

    private readonly TempDirectory temp = new();

    [TestCleanup]
    public void Cleanup() => temp.Dispose();

    [TestMethod]
    public void MissingTokensBecomeNaNOrNull()
    {
        var table = TableLoader.Load(temp.Write("gaps.csv", Gaps), TempDirectory.Defaults);

        Assert.AreEqual(ColumnKind.Numeric, table.Find("n")!.Kind);
        Assert.AreEqual(ColumnKind.Categorical, table.Find("c")!.Kind);
        Assert.AreEqual(ColumnKind.Boolean, table.Find("b")!.Kind);
        CollectionAssert.AreEqual(new[] { 1f, float.NaN, 3f, 4f, 5f }, table.Find("n")!.Numbers);
        CollectionAssert.AreEqual(new[] { "x", "y", null, "z", null }, table.Find("c")!.Texts);
        CollectionAssert.AreEqual(new[] { 1f, 0f, 1f, float.NaN, 0f }, table.Find("b")!.Numbers);
        Assert.AreEqual(5, table.RowCount);
    }

    [TestMethod]
    public void DropRowsLeavesOutRowsWithAGapAndKeepsLineNumbers()
    {
        var table = TableLoader.Load(temp.Write("gaps.csv", Gaps), TempDirectory.Defaults with { Policy = MissingPolicy.DropRows });

        Assert.AreEqual(1, table.RowCount);
        CollectionAssert.AreEqual(new[] { 2 }, table.Lines);
        CollectionAssert.AreEqual(new[] { 1f }, table.Find("n")!.Numbers);
    }

    [TestMethod]
    public void DropRowsOnlyLooksAtKeptColumns()
    {
        var table = TableLoader.Load(temp.Write("gaps.csv", Gaps), TempDirectory.Defaults with { Policy = MissingPolicy.DropRows, Keep = new HashSet<string> { "n" } });

        CollectionAssert.AreEqual(new[] { 1f, 3f, 4f, 5f }, table.Find("n")!.Numbers);
        CollectionAssert.AreEqual(new[] { 2, 4, 5, 6 }, table.Lines);
    }

    [TestMethod]
    public void CustomMissingTokensReplaceTheDefaults()
    {
        var table = TableLoader.Load(temp.Write("custom.csv", "n,c\n-999,NA\n2,x\n"), TempDirectory.Defaults with { MissingValues = ["-999"] });

        Assert.IsTrue(float.IsNaN(table.Find("n")!.Numbers![0]));
        CollectionAssert.AreEqual(new[] { "NA", "x" }, table.Find("c")!.Texts);
    }

    [TestMethod]
    public void ErrorPolicyPassesAFileWithoutGaps()
    {
        var table = TableLoader.Load(temp.Write("full.csv", "a,b\n1,2\n"), TempDirectory.Defaults with { Policy = MissingPolicy.Error });

        Assert.AreEqual(1, table.RowCount);
    }

    [TestMethod]
    public void ColumnOfOnlyGapsIsNumericNaN()
    {
        var table = TableLoader.Load(temp.Write("empty-column.csv", "a,b\n1,\n2,NA\n"), TempDirectory.Defaults);

        Assert.AreEqual(ColumnKind.Numeric, table.Find("b")!.Kind);
        Assert.IsTrue(table.Find("b")!.Numbers!.All(float.IsNaN));
    }
}
