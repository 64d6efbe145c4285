using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Tests.Data;

/// <summary>Column kinds inferred from values, or declared; declared kinds win.</summary>
[TestClass]
public sealed class TypeInferenceTests
{
    private readonly TempDirectory temp = new();

    [TestCleanup]
    public void Cleanup() => temp.Dispose();

    private static string LongSentence(int i) => $"this is a rather long free-text sentence number {i} about nothing";

    [TestMethod]
    public void NumericBooleanCategoricalAndTextAreInferred()
    {
        var rows = Enumerable.Range(0, 60).Select(i =>
            $"{i * 0.5 - 3},{(i % 2 == 0 ? "yes" : "No")},{(i % 3) switch { 0 => "red", 1 => "green", _ => "blue" }},{LongSentence(i)},{(i % 2 == 0 ? "TRUE" : "false")}");
        var path = temp.Write("kinds.csv", "amount,member,colour,comment,active\n" + string.Join("\n", rows) + "\n");

        var table = TableLoader.Load(path, TempDirectory.Defaults);

        CollectionAssert.AreEqual(
            new[] { ColumnKind.Numeric, ColumnKind.Boolean, ColumnKind.Categorical, ColumnKind.Text, ColumnKind.Boolean },
            table.Columns.Select(c => c.Kind).ToArray());
        Assert.AreEqual(-3f, table.Find("amount")!.Numbers![0]);
        Assert.AreEqual(26.5f, table.Find("amount")!.Numbers![59]);
        CollectionAssert.AreEqual(new[] { 1f, 0f, 1f }, table.Find("member")!.Numbers![..3]);
        CollectionAssert.AreEqual(new[] { 1f, 0f }, table.Find("active")!.Numbers![..2]);
        CollectionAssert.AreEqual(new[] { "red", "green", "blue" }, table.Find("colour")!.Texts![..3]);
        Assert.AreEqual(LongSentence(7), table.Find("comment")!.Texts![7]);
    }

    [TestMethod]
    public void ManyDistinctShortValuesAreText()
    {
        var path = temp.Write("ids.csv", "code\n" + string.Join("\n", Enumerable.Range(0, 120).Select(i => $"c{i}")) + "\n");

        Assert.AreEqual(ColumnKind.Text, TableLoader.Load(path, TempDirectory.Defaults).Columns[0].Kind);
    }

    [TestMethod]
    public void OneWordInANumberColumnMakesItCategorical()
    {
        var path = temp.Write("mixed.csv", "n\n1\n2\nthree\n");

        var column = TableLoader.Load(path, TempDirectory.Defaults).Columns[0];

        Assert.AreEqual(ColumnKind.Categorical, column.Kind);
        CollectionAssert.AreEqual(new[] { "1", "2", "three" }, column.Texts);
    }

    [TestMethod]
    public void NumbersUseTheInvariantCultureAndScientificNotation()
    {
        var path = temp.Write("numbers.csv", "n\n1e3\n-0.25\n+7\n 4 \n");

        CollectionAssert.AreEqual(new[] { 1000f, -0.25f, 7f, 4f }, TableLoader.Load(path, TempDirectory.Defaults).Columns[0].Numbers);
    }

    [TestMethod]
    public void DeclaredKindOverridesInference()
    {
        var path = temp.Write("zip.csv", "zip,n\n01234,1\n98765,2\n");
        var options = TempDirectory.Defaults with { Kinds = new Dictionary<string, ColumnKind> { ["zip"] = ColumnKind.Categorical } };

        var table = TableLoader.Load(path, options);

        Assert.AreEqual(ColumnKind.Categorical, table.Find("zip")!.Kind);
        CollectionAssert.AreEqual(new[] { "01234", "98765" }, table.Find("zip")!.Texts);
    }

    [TestMethod]
    public void IgnoredAndUnkeptColumnsAreNotLoaded()
    {
        var path = temp.Write("keep.csv", "a,b,c\n1,x,2\n3,y,4\n");

        var ignored = TableLoader.Load(path, TempDirectory.Defaults with { Kinds = new Dictionary<string, ColumnKind> { ["b"] = ColumnKind.Ignore } });
        var kept = TableLoader.Load(path, TempDirectory.Defaults with { Keep = new HashSet<string> { "c" } });

        CollectionAssert.AreEqual(new[] { "a", "c" }, ignored.Columns.Select(c => c.Name).ToArray());
        CollectionAssert.AreEqual(new[] { "c" }, kept.Columns.Select(c => c.Name).ToArray());
    }

    [TestMethod]
    public void FileWithoutHeaderGetsNumberedColumns()
    {
        var path = temp.Write("no-header.csv", "1,a\n2,b\n");

        var table = TableLoader.Load(path, TempDirectory.Defaults with { Header = false });

        CollectionAssert.AreEqual(new[] { "column_1", "column_2" }, table.Columns.Select(c => c.Name).ToArray());
        Assert.AreEqual(2, table.RowCount);
        CollectionAssert.AreEqual(new[] { 1, 2 }, table.Lines);
    }

    [TestMethod]
    public void HeaderNamesAreTrimmed()
    {
        var path = temp.Write("spaces.csv", " a , b\n1,2\n");

        CollectionAssert.AreEqual(new[] { "a", "b" }, TableLoader.Load(path, TempDirectory.Defaults).Columns.Select(c => c.Name).ToArray());
    }

    [TestMethod]
    public void IrisLoadsWithItsKinds()
    {
        var path = Spec.RepositoryFiles.PathOf("datasets", "iris", "iris.csv");

        var table = TableLoader.Load(path, TempDirectory.Defaults);

        Assert.AreEqual(150, table.RowCount);
        Assert.AreEqual(ColumnKind.Numeric, table.Find("sepal_length_cm")!.Kind);
        Assert.AreEqual(ColumnKind.Categorical, table.Find("species")!.Kind);
    }
}
