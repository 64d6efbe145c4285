using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Spec;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace DeepLearning.Pipelines.Tests.Data;

/// <summary>The streamed view of a file holds exactly what the loaded table holds, the hash split is deterministic
/// and of the right size, and a bad row deep in a file fails the scan naming its line.</summary>
[TestClass]
public sealed class StreamingDataTests
{
    private readonly TempDirectory temp = new();

    [TestCleanup]
    public void Cleanup() => temp.Dispose();

    private static ReadOptions Options(string label, MlTask task) =>
        TempDirectory.Defaults with { Kinds = new Dictionary<string, ColumnKind> { [label] = LabelColumn.KindFor(task) } };

    [TestMethod]
    [DataRow("iris/iris.csv", "species", MlTask.Multiclass)]
    [DataRow("diabetes/diabetes.csv", "target", MlTask.Regression)]
    [DataRow("breast_cancer/breast_cancer.csv", "label", MlTask.Binary)]
    [DataRow("shuttle/shuttle.csv", "class_name", MlTask.Multiclass)]
    [DataRow("spam_assassin/spam_assassin.csv.gz", "label", MlTask.Binary)] // gzip, quoted text with separators and line breaks
    public void StreamedViewHoldsTheLoadedTablesRowsAndValues(string dataset, string label, MlTask task)
    {
        var path = Repo.Dataset(dataset);
        var options = Options(label, task);
        var loaded = LabelColumn.Prepare(TableLoader.Load(path, options), task, label);

        var streamed = StreamingScan.Scan(path, options, label, task, StreamSplit.None, seed: 1);

        Assert.AreEqual(loaded.Table.Sha256, streamed.Sha256);
        Assert.AreEqual(loaded.Table.RowCount, streamed.Rows);
        Assert.AreEqual(loaded.Rows.Length, streamed.LabelledRows);
        CollectionAssert.AreEqual(loaded.Classes.ToList(), streamed.Label.Classes.ToList());
        AssertSameRows(loaded.Table.View(loaded.Rows), streamed.View(), loaded.Rows.Select(r => (ulong)r).ToArray());
    }

    [TestMethod]
    public void DropRowsAndMissingTokensMatchTheLoadedTable()
    {
        var path = temp.Write("gaps.csv", "n,c,y\n1,x,1.5\nNA,y,2\n3,?,NA\n4,\"z, q\",4\n5, null ,5\n");
        foreach (var policy in new[] { MissingPolicy.Keep, MissingPolicy.DropRows })
        {
            var options = Options("y", MlTask.Regression) with { Policy = policy };
            var loaded = LabelColumn.Prepare(TableLoader.Load(path, options), MlTask.Regression, "y");
            var streamed = StreamingScan.Scan(path, options, "y", MlTask.Regression, StreamSplit.None, seed: 1);
            Assert.AreEqual(loaded.Table.RowCount, streamed.Rows, $"{policy}");
            // Row ids are record numbers in the file; with nothing dropped they are the table's row numbers.
            var ids = policy == MissingPolicy.Keep ? new ulong[] { 0, 1, 3, 4 } : [0, 3];
            AssertSameRows(loaded.Table.View(loaded.Rows), streamed.View(), ids);
        }
    }

    [TestMethod]
    public void HashSplitIsDeterministicDisjointAndOfTheRightSize()
    {
        const int rows = 20_000;
        var path = temp.Write("reg.csv", "");
        SyntheticData.Write(path, new SyntheticOptions(MlTask.Regression, 3, 5, rows, null));
        var options = Options("y", MlTask.Regression);

        var first = StreamingScan.Scan(path, options, "y", MlTask.Regression, StreamSplit.Hash(0.25, 7), seed: 7);
        var again = StreamingScan.Scan(path, options, "y", MlTask.Regression, StreamSplit.Hash(0.25, 7), seed: 7);
        var otherSeed = StreamingScan.Scan(path, options, "y", MlTask.Regression, StreamSplit.Hash(0.25, 8), seed: 8);

        // Binomial(20 000, 0.25): 5 000 ± 4σ (σ ≈ 61).
        Assert.IsLessThan(4 * Math.Sqrt(rows * 0.25 * 0.75), Math.Abs(first.TestRows - rows * 0.25), $"{first.TestRows} test rows");
        Assert.AreEqual(rows, first.TrainRows + first.TestRows);
        var test = Ids(first.TestView());
        var train = Ids(first.TrainView());
        Assert.AreEqual(first.TestRows, test.Count);
        Assert.AreEqual(first.TrainRows, train.Count);
        Assert.IsFalse(test.Overlaps(train), "a row is both a training and a test row");
        Assert.AreEqual(rows, test.Union(train).Count());
        CollectionAssert.AreEquivalent(test.ToList(), Ids(again.TestView()).ToList());
        var moved = Ids(otherSeed.TestView());
        Assert.IsLessThan(0.5, test.Intersect(moved).Count() / (double)test.Count, "another seed should pick other test rows");
        Assert.IsTrue(test.All(r => HashSplit.IsTest((long)r, 0.25, 7)));
    }

    [TestMethod]
    public void SplitColumnPicksTheSameTestRowsAsTheLoadedPath()
    {
        var path = Repo.Dataset("shuttle/shuttle.csv");
        var options = Options("class_name", MlTask.Multiclass) with
        {
            Kinds = new Dictionary<string, ColumnKind> { ["class_name"] = ColumnKind.Categorical, ["split"] = ColumnKind.Categorical },
        };
        var names = TableLoader.ReadHeader(path, ',', true);
        var streamed = StreamingScan.Scan(path, options, "class_name", MlTask.Multiclass, StreamSplit.ByColumn(names.ToList().IndexOf("split"), ["test"]), seed: 1);
        var table = TableLoader.Load(path, options);
        var splits = table.Find("split")!.Texts!;

        Assert.AreEqual(splits.Count(s => s == "test"), streamed.TestRows);
        Assert.AreEqual(splits.Count(s => s != "test"), streamed.TrainRows);
        var expected = Enumerable.Range(0, table.RowCount).Where(r => splits[r] == "test").Select(r => (ulong)r).ToList();
        CollectionAssert.AreEqual(expected, Ids(streamed.TestView()).Order().ToList());
    }

    [TestMethod]
    public void SampleIsBoundedUniformAndCarriesTheFileHash()
    {
        var path = temp.Write("bin.csv", "");
        SyntheticData.Write(path, new SyntheticOptions(MlTask.Binary, 2, 3, 5_000, null));
        var streamed = StreamingScan.Scan(path, Options("y", MlTask.Binary), "y", MlTask.Binary, StreamSplit.Hash(0.2, 1), seed: 1, sampleRows: 500);

        Assert.AreEqual(500, streamed.Sample.Table.RowCount);
        Assert.AreEqual(streamed.Sha256, streamed.Sample.Table.Sha256);
        Assert.AreEqual(DataSource.Sha256(path), streamed.Sha256);
        // Lines drawn from the whole file, not its head (uniform: the mean line is near the middle).
        double meanLine = streamed.Sample.Table.Lines.Average();
        Assert.IsTrue(meanLine is > 2_000 and < 3_000, $"mean sampled line {meanLine}");
        // Binary label prepared as the loaded path does (a Boolean per row).
        Assert.IsNotNull(streamed.Sample.Table.Find("y")!.Flags);
    }

    [TestMethod]
    public void BadNumberDeepInTheFileFailsTheScanNamingItsLineAndColumn()
    {
        var path = WriteWithLine(25_001, line => string.Join(',', line.Split(',').Select((cell, i) => i == 2 ? "abc" : cell)));
        // Declared numeric, so kind inference (the first rows) does not look at it: the full scan does.
        var declared = Options("y", MlTask.Regression);
        declared = declared with { Kinds = new Dictionary<string, ColumnKind>(declared.Kinds) { ["x3"] = ColumnKind.Numeric } };
        var e = Assert.ThrowsExactly<DataException>(() => StreamingScan.Scan(path, declared, "y", MlTask.Regression, StreamSplit.Hash(0.2, 1), 1));
        Assert.AreEqual(25_001, e.Line);
        StringAssert.Contains(e.Message, "'x3' (#3)");
        StringAssert.Contains(e.Message, "expected a number, received 'abc'");
        // Left to inference, the same cell is named as a typo in a column of numbers, as the loaded path names it.
        var inferred = Assert.ThrowsExactly<DataException>(() => StreamingScan.Scan(path, Options("y", MlTask.Regression), "y", MlTask.Regression, StreamSplit.Hash(0.2, 1), 1));
        Assert.AreEqual(25_001, inferred.Line);
        StringAssert.Contains(inferred.Message, "holds numbers except 'abc'");
    }

    [TestMethod]
    public void WrongFieldCountAndBadQuotingDeepInTheFileNameTheirLines()
    {
        var fields = WriteWithLine(12_345, line => line + ",7");
        var e = Assert.ThrowsExactly<DataException>(() => StreamingScan.Scan(fields, Options("y", MlTask.Regression), "y", MlTask.Regression, StreamSplit.Hash(0.2, 1), 1));
        Assert.AreEqual(12_345, e.Line);
        StringAssert.Contains(e.Message, "expected 4 fields");

        var quote = WriteWithLine(20_000, line => "1\"2" + line[line.IndexOf(',')..]);
        e = Assert.ThrowsExactly<DataException>(() => StreamingScan.Scan(quote, Options("y", MlTask.Regression), "y", MlTask.Regression, StreamSplit.Hash(0.2, 1), 1));
        Assert.AreEqual(20_000, e.Line);
        StringAssert.Contains(e.Message, "a quote inside an unquoted field");
        // The loaded path says the same about the same place.
        var loaded = Assert.ThrowsExactly<DataException>(() => TableLoader.Load(quote, Options("y", MlTask.Regression)));
        Assert.AreEqual(e.Message, loaded.Message);
    }

    [TestMethod]
    public void TestFileClassUnknownToTrainingIsAnErrorNamingItsLine()
    {
        var path = temp.Write("test.csv", "a,y\n1,x\n2,z\n");
        var e = Assert.ThrowsExactly<DataException>(() => StreamingScan.Scan(path, Options("y", MlTask.Binary), "y", MlTask.Binary, StreamSplit.None, 1, knownClasses: ["x", "y"]));
        Assert.AreEqual(3, e.Line);
        StringAssert.Contains(e.Message, "class 'z' was not in the training data");
    }

    /// <summary>A generated 30 000-row regression file (x1, x2, x3, y) with line <paramref name="line"/> rewritten.</summary>
    private string WriteWithLine(int line, Func<string, string> edit)
    {
        var path = temp.Write($"edited-{line}.csv", "");
        SyntheticData.Write(path, new SyntheticOptions(MlTask.Regression, 3, 11, 30_000, null));
        var lines = File.ReadAllLines(path);
        lines[line - 1] = edit(lines[line - 1]);
        File.WriteAllLines(path, lines);
        return path;
    }

    private static HashSet<ulong> Ids(IDataView view)
    {
        var ids = new HashSet<ulong>();
        using var cursor = view.GetRowCursor([]);
        var id = cursor.GetIdGetter();
        DataViewRowId value = default;
        while (cursor.MoveNext()) { id(ref value); ids.Add(value.Low); }
        return ids;
    }

    /// <summary>Same columns and types, same number of rows, and every cell equal (floats bit for bit).</summary>
    private static void AssertSameRows(IDataView expected, IDataView actual, ulong[] ids)
    {
        // Same columns and types; the loaded table moves a prepared binary label last, the file keeps its place.
        CollectionAssert.AreEquivalent(expected.Schema.Select(c => $"{c.Name}:{c.Type}").ToList(), actual.Schema.Select(c => $"{c.Name}:{c.Type}").ToList());
        using var a = expected.GetRowCursor(expected.Schema);
        using var b = actual.GetRowCursor(actual.Schema);
        var id = b.GetIdGetter();
        DataViewRowId rowId = default;
        int row = 0;
        while (a.MoveNext())
        {
            Assert.IsTrue(b.MoveNext(), $"the streamed view ended after {row} rows");
            id(ref rowId);
            Assert.AreEqual(ids[row], rowId.Low, $"row {row}");
            foreach (var column in expected.Schema)
            {
                string Cell(DataViewRowCursor cursor)
                {
                    var own = cursor.Schema[column.Name];
                    return column.Type switch
                    {
                        NumberDataViewType => Read<float>(cursor, own).ToString("R"),
                        BooleanDataViewType => Read<bool>(cursor, own).ToString(),
                        _ => Read<ReadOnlyMemory<char>>(cursor, own).ToString(),
                    };
                }
                Assert.AreEqual(Cell(a), Cell(b), $"row {row}, column {column.Name}");
            }
            row++;
        }
        Assert.IsFalse(b.MoveNext(), $"the streamed view has more than {row} rows");
    }

    private static T Read<T>(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        T value = default!;
        cursor.GetGetter<T>(column)(ref value);
        return value;
    }
}
