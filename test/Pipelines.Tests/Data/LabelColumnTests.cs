using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Tests.Data;

/// <summary>The label column must suit the task: classes counted, unseen classes caught, lines named.</summary>
[TestClass]
public sealed class LabelColumnTests
{
    private readonly TempDirectory temp = new();

    [TestCleanup]
    public void Cleanup() => temp.Dispose();

    private DataTable Load(string name, string content, MlTask task, string label = "y") =>
        TableLoader.Load(temp.Write(name, content), TempDirectory.Defaults with
        {
            Kinds = new Dictionary<string, ColumnKind> { [label] = LabelColumn.KindFor(task) },
            Required = [label],
        });

    [TestMethod]
    public void LabelWithOneClass()
    {
        var table = Load("one-class.csv", "x,y\n1,cat\n2,cat\n3,cat\n", MlTask.Multiclass);

        var e = Assert.ThrowsExactly<DataException>(() => LabelColumn.Prepare(table, MlTask.Multiclass, "y"));

        Assert.AreEqual(table.Source, e.File);
        Assert.AreEqual("'y'", e.Column);
        Assert.AreEqual($"{table.Source}: column 'y': the label has one class ('cat'); multiclass classification needs at least two", e.Message);
    }

    [TestMethod]
    public void BinaryLabelWithThreeClasses()
    {
        var table = Load("three-classes.csv", "x,y\n1,a\n2,b\n3,c\n4,a\n", MlTask.Binary);

        var e = Assert.ThrowsExactly<DataException>(() => LabelColumn.Prepare(table, MlTask.Binary, "y"));

        Assert.AreEqual($"{table.Source}: column 'y': binary classification needs two classes, the label has 3 (a, b, c); use task: multiclass", e.Message);
    }

    [TestMethod]
    public void UnseenClassInTestDataNamesItsLine()
    {
        var table = Load("test.csv", "x,y\n1,a\n\n2,b\n3,zebra\n", MlTask.Multiclass);

        var e = Assert.ThrowsExactly<DataException>(() => LabelColumn.Prepare(table, MlTask.Multiclass, "y", ["a", "b"]));

        Assert.AreEqual(5, e.Line);
        Assert.AreEqual($"{table.Source}:5: column 'y': class 'zebra' was not in the training data; the model knows: a, b", e.Message);
    }

    [TestMethod]
    public void EveryLabelMissing()
    {
        var table = Load("no-labels.csv", "x,y\n1,NA\n2,\n", MlTask.Regression);

        var e = Assert.ThrowsExactly<DataException>(() => LabelColumn.Prepare(table, MlTask.Regression, "y"));

        Assert.AreEqual($"{table.Source}: column 'y': every label is missing", e.Message);
    }

    [TestMethod]
    public void LabelColumnAbsentFromTheTableNamesTheColumnsThereAre()
    {
        var table = Load("other.csv", "x,price\n1,2\n", MlTask.Regression, label: "price");

        var e = Assert.ThrowsExactly<DataException>(() => LabelColumn.Prepare(table, MlTask.Regression, "target"));

        Assert.AreEqual($"{table.Source}:1: no label column 'target'; the table has: x, price", e.Message);
        Assert.Contains("(did you mean 'price'?)", Assert.ThrowsExactly<DataException>(() => LabelColumn.Prepare(table, MlTask.Regression, "prise")).Message);
    }

    [TestMethod]
    public void ClassificationLabelReadAsNumbersIsAClearError()
    {
        var path = temp.Write("numeric-label.csv", "x,y\n1,0\n2,1\n");
        var table = TableLoader.Load(path, TempDirectory.Defaults);

        var e = Assert.ThrowsExactly<DataException>(() => LabelColumn.Prepare(table, MlTask.Binary, "y"));

        Assert.AreEqual($"{path}: column 'y': the label was read as numeric; binary classification needs it read as categorical", e.Message);
    }

    [TestMethod]
    public void RegressionLabelReadAsClassesIsAClearError()
    {
        var path = temp.Write("text-label.csv", "x,y\n1,low\n2,high\n");
        var table = TableLoader.Load(path, TempDirectory.Defaults);

        var e = Assert.ThrowsExactly<DataException>(() => LabelColumn.Prepare(table, MlTask.Regression, "y"));

        Assert.AreEqual($"{path}: column 'y': the label was read as categorical; regression needs it read as numeric", e.Message);
    }

    [TestMethod]
    public void BinaryLabelBecomesFlagsOfTheSecondClass()
    {
        var table = Load("binary.csv", "x,y\n1,no\n2,yes\n3,NA\n4,yes\n", MlTask.Binary);

        var labelled = LabelColumn.Prepare(table, MlTask.Binary, "y");

        CollectionAssert.AreEqual(new[] { "no", "yes" }, labelled.Classes.ToArray());
        CollectionAssert.AreEqual(new[] { 0, 1, 3 }, labelled.Rows);
        var flags = labelled.Table.Find("y")!.Flags!;
        Assert.IsFalse(flags[0]);
        Assert.IsTrue(flags[1]);
        Assert.IsTrue(flags[3]);
    }

    [TestMethod]
    public void NumericClassesAreInNumericOrder()
    {
        var table = Load("numbers.csv", "x,y\n1,10\n2,9\n3,2\n4,10\n", MlTask.Multiclass);

        var labelled = LabelColumn.Prepare(table, MlTask.Multiclass, "y");

        CollectionAssert.AreEqual(new[] { "2", "9", "10" }, labelled.Classes.ToArray());
        CollectionAssert.AreEqual(new[] { 2, 1, 0, 2 }, labelled.ClassOfRow);
    }

    [TestMethod]
    public void RegressionLabelSkipsRowsWithoutALabel()
    {
        var table = Load("regression.csv", "x,y\n1,0.5\n2,?\n3,1.5\n", MlTask.Regression);

        var labelled = LabelColumn.Prepare(table, MlTask.Regression, "y");

        CollectionAssert.AreEqual(new[] { 0, 2 }, labelled.Rows);
        Assert.IsEmpty(labelled.Classes);
        Assert.IsNull(labelled.ClassOfRow);
    }
}
