using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Tests.Data;

/// <summary>Malformed data files: each error names the file, the line and, where there is one, the column.</summary>
[TestClass]
public sealed class DataErrorTests
{
    private readonly TempDirectory temp = new();

    [TestCleanup]
    public void Cleanup() => temp.Dispose();

    private static DataException LoadFails(string path, ReadOptions options) =>
        Assert.ThrowsExactly<DataException>(() => TableLoader.Load(path, options));

    [TestMethod]
    public void BadNumberInADeclaredNumericColumn()
    {
        var path = temp.Write("bad-number.csv", "id,height,name\n1,1.5,a\n2,\"1,5\",b\n");
        var options = TempDirectory.Defaults with { Kinds = new Dictionary<string, ColumnKind> { ["height"] = ColumnKind.Numeric } };

        var e = LoadFails(path, options);

        Assert.AreEqual(path, e.File);
        Assert.AreEqual(3, e.Line);
        Assert.AreEqual("'height' (#2)", e.Column);
        Assert.AreEqual($"{path}:3: column 'height' (#2): expected a number, received '1,5' (the column is declared numeric; use '.' as the decimal point)", e.Message);
    }

    [TestMethod]
    public void BadBooleanInADeclaredBooleanColumn()
    {
        var path = temp.Write("bad-bool.csv", "id,smoker\n1,yes\n2,no\n3,sometimes\n");
        var options = TempDirectory.Defaults with { Kinds = new Dictionary<string, ColumnKind> { ["smoker"] = ColumnKind.Boolean } };

        var e = LoadFails(path, options);

        Assert.AreEqual(4, e.Line);
        Assert.AreEqual("'smoker' (#2)", e.Column);
        Assert.Contains("expected true/false, yes/no or 1/0, received 'sometimes'", e.Message);
    }

    [TestMethod]
    public void WrongFieldCountNamesTheLine()
    {
        var path = temp.Write("short-row.csv", "a,b,c\n1,2,3\n4,5,6\n7,8\n");

        var e = LoadFails(path, TempDirectory.Defaults);

        Assert.AreEqual(4, e.Line);
        Assert.AreEqual($"{path}:4: expected 3 fields as in the header, received 2 (is a field with a separator missing its quotes?)", e.Message);
    }

    [TestMethod]
    public void TooManyFieldsWhenEveryKindIsDeclared()
    {
        var path = temp.Write("long-row.csv", "a,b\n1,2\n3,4,5\n");
        var options = TempDirectory.Defaults with { Kinds = new Dictionary<string, ColumnKind> { ["a"] = ColumnKind.Numeric, ["b"] = ColumnKind.Numeric } };

        var e = LoadFails(path, options);

        Assert.AreEqual(3, e.Line);
        Assert.Contains("expected 2 fields as in the header, received 3", e.Message);
    }

    [TestMethod]
    public void UnclosedQuoteNamesTheLineWhereTheFieldBegan()
    {
        var path = temp.Write("unclosed.csv", "a,b\n1,x\n2,\"never closed\n3,y\n");

        var e = LoadFails(path, TempDirectory.Defaults);

        Assert.AreEqual(3, e.Line);
        Assert.AreEqual($"{path}:3: a quoted field is never closed (a \" is missing)", e.Message);
    }

    [TestMethod]
    public void QuoteInsideAnUnquotedField()
    {
        var path = temp.Write("stray-quote.csv", "a,b\n1,x\n2,5\" tall\n");

        var e = LoadFails(path, TempDirectory.Defaults);

        Assert.AreEqual(3, e.Line);
        Assert.Contains("a quote inside an unquoted field", e.Message);
    }

    [TestMethod]
    public void MissingLabelColumnNamesTheColumnsThereAre()
    {
        var path = temp.Write("no-label.csv", "sepal_length,petal_length,spceies\n1,2,a\n");
        var options = TempDirectory.Defaults with { Required = ["species"] };

        var e = LoadFails(path, options);

        Assert.AreEqual(1, e.Line);
        Assert.AreEqual($"{path}:1: no column named 'species' (did you mean 'spceies'?); the file has: sepal_length, petal_length, spceies", e.Message);
    }

    [TestMethod]
    public void DeclaredColumnThatIsNotInTheFile()
    {
        var path = temp.Write("declared.csv", "weight_kg,age\n1,2\n");
        var options = TempDirectory.Defaults with { Kinds = new Dictionary<string, ColumnKind> { ["height"] = ColumnKind.Text } };

        var e = LoadFails(path, options);

        Assert.AreEqual($"{path}:1: data.columns names 'height', which is not in the file; the file has: weight_kg, age", e.Message);
    }

    [TestMethod]
    public void EmptyFile()
    {
        var path = temp.Write("empty.csv", "");

        var e = LoadFails(path, TempDirectory.Defaults);

        Assert.AreEqual($"{path}: the file is empty: expected a header row and data rows", e.Message);
    }

    [TestMethod]
    public void FileOfBlankLinesIsEmpty()
    {
        var path = temp.Write("blank.csv", "\n\r\n\n");

        Assert.Contains("the file is empty", LoadFails(path, TempDirectory.Defaults).Message);
    }

    [TestMethod]
    public void HeaderOnly()
    {
        var path = temp.Write("header-only.csv", "a,b,c\n");

        var e = LoadFails(path, TempDirectory.Defaults);

        Assert.AreEqual($"{path}: the file has a header but no data rows", e.Message);
    }

    [TestMethod]
    public void DuplicateHeaderNames()
    {
        var path = temp.Write("dup-header.csv", "a,b,a\n1,2,3\n");

        var e = LoadFails(path, TempDirectory.Defaults);

        Assert.AreEqual(1, e.Line);
        Assert.AreEqual("#3", e.Column);
        Assert.AreEqual($"{path}:1: column #3: the header names 'a' twice (columns 1 and 3)", e.Message);
    }

    [TestMethod]
    public void EmptyHeaderName()
    {
        var path = temp.Write("empty-header.csv", "a,,c\n1,2,3\n");

        var e = LoadFails(path, TempDirectory.Defaults);

        Assert.AreEqual("#2", e.Column);
        Assert.Contains("the header has an empty column name", e.Message);
    }

    [TestMethod]
    public void MissingValueUnderPolicyError()
    {
        var path = temp.Write("gap.csv", "a,b\n1,2\n3,NA\n");
        var options = TempDirectory.Defaults with { Policy = MissingPolicy.Error };

        var e = LoadFails(path, options);

        Assert.AreEqual(3, e.Line);
        Assert.AreEqual("'b' (#2)", e.Column);
        Assert.AreEqual($"{path}:3: column 'b' (#2): missing value 'NA' while data.missing.policy is 'error'", e.Message);
    }

    [TestMethod]
    public void EveryRowDroppedForMissingValues()
    {
        var path = temp.Write("all-gaps.csv", "a,b\n1,?\n,2\n");
        var options = TempDirectory.Defaults with { Policy = MissingPolicy.DropRows };

        Assert.AreEqual($"{path}: no rows left after dropping rows with missing values", LoadFails(path, options).Message);
    }

    [TestMethod]
    public void FileNotFound()
    {
        var path = Path.Combine(temp.FullPath, "absent.csv");

        Assert.AreEqual($"{path}: file not found", LoadFails(path, TempDirectory.Defaults).Message);
    }

    [TestMethod]
    public void DirectoryInsteadOfAFile()
    {
        Assert.AreEqual($"{temp.FullPath}: is a directory, not a data file", LoadFails(temp.FullPath, TempDirectory.Defaults).Message);
    }
}
