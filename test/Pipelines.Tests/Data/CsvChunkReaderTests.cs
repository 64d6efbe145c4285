using System.IO.Compression;
using System.Text;
using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Tests.Data;

/// <summary>The batch-scoring reader (Sep) reads what <see cref="TableLoader"/> reads — same cells, same floats, same
/// missing values — and fails on the same bad rows with the same messages.</summary>
[TestClass]
public sealed class CsvChunkReaderTests
{
    private readonly TempDirectory temp = new();

    [TestCleanup]
    public void Cleanup() => temp.Dispose();

    private static ReadOptions Options(params (string Name, ColumnKind Kind)[] columns)
    {
        var kinds = columns.ToDictionary(c => c.Name, c => c.Kind);
        return TempDirectory.Defaults with { Policy = MissingPolicy.Keep, Kinds = kinds, Keep = kinds.Keys.ToHashSet(), Required = kinds.Keys.ToList() };
    }

    private static readonly ReadOptions XyName = Options(("x", ColumnKind.Numeric), ("y", ColumnKind.Numeric), ("name", ColumnKind.Text));

    /// <summary>Every row, read with chunks of <paramref name="chunkRows"/>, as one table.</summary>
    private static DataTable ReadAll(string path, ReadOptions options, int chunkRows = 3)
    {
        using var reader = CsvChunkReader.Open(path, options);
        var chunk = reader.NewChunk(chunkRows);
        var tables = new List<DataTable>();
        while (reader.Read(chunk)) tables.Add(chunk.ToTable(path));
        return new DataTable(tables[0].Columns.Select((c, i) => c.Numbers is not null
                ? TableColumn.Numeric(c.Name, c.Kind, tables.SelectMany(t => t.Columns[i].Numbers!).ToArray())
                : TableColumn.Text(c.Name, c.Kind, tables.SelectMany(t => t.Columns[i].Texts!).ToArray())).ToList(),
            path, "", tables.SelectMany(t => t.Lines).ToArray());
    }

    private static void AssertSameTable(DataTable expected, DataTable actual)
    {
        CollectionAssert.AreEqual(expected.Lines, actual.Lines, "lines");
        Assert.HasCount(expected.Columns.Count, actual.Columns);
        for (int c = 0; c < expected.Columns.Count; c++)
        {
            Assert.AreEqual(expected.Columns[c].Name, actual.Columns[c].Name);
            if (expected.Columns[c].Numbers is { } numbers)
                CollectionAssert.AreEqual(numbers.Select(BitConverter.SingleToInt32Bits).ToList(),
                    actual.Columns[c].Numbers!.Select(BitConverter.SingleToInt32Bits).ToList(), expected.Columns[c].Name);
            else CollectionAssert.AreEqual(expected.Columns[c].Texts, actual.Columns[c].Texts, expected.Columns[c].Name);
        }
    }

    private static DataTable Reference(string path, ReadOptions options) => TableLoader.ReadChunks(path, options, int.MaxValue).Single();

    [TestMethod]
    public void Quoted_fields_with_separators_quotes_and_line_breaks_read_as_the_loader_reads_them()
    {
        var path = temp.Write("quoted.csv",
            "x,y,name\n" +
            "1,2,plain\n" +
            "3,4,\"with, comma\"\n" +
            "5,6,\"say \"\"hi\"\"\"\n" +
            "7,8,\"two\nlines\"\n" +
            "\"9\",\" 10 \",\"\"\n" +
            "11,12,  padded  \n" +
            "13,14,last\n");

        var table = ReadAll(path, XyName);

        AssertSameTable(Reference(path, XyName), table);
        CollectionAssert.AreEqual(new[] { "plain", "with, comma", "say \"hi\"", "two\nlines", null, "padded", "last" }, table.Find("name")!.Texts);
        CollectionAssert.AreEqual(new[] { 2, 3, 4, 5, 7, 8, 9 }, table.Lines, "a record's line is where it begins");
        Assert.AreEqual(10f, table.Find("y")!.Numbers![4]);
    }

    [TestMethod]
    public void Missing_tokens_blank_lines_crlf_and_a_byte_order_mark_read_as_the_loader_reads_them()
    {
        var path = Path.Combine(temp.FullPath, "crlf.csv");
        File.WriteAllText(path, "x,y,name\r\n1,NA,a\r\n\r\n,2,?\r\nN/A,3.5,null\r\n 4 , -0 ,NaN\r\n", new UTF8Encoding(true));

        var table = ReadAll(path, XyName, chunkRows: 2);

        AssertSameTable(Reference(path, XyName), table);
        Assert.IsTrue(float.IsNaN(table.Find("y")!.Numbers![0]));
        Assert.IsTrue(float.IsNaN(table.Find("x")!.Numbers![1]));
        CollectionAssert.AreEqual(new[] { 2, 4, 5, 6 }, table.Lines);
        Assert.IsTrue(float.IsNegative(table.Find("y")!.Numbers![3]), "-0 stays negative zero");
        Assert.IsTrue(table.Find("name")!.Texts!.Skip(1).All(t => t is null), "?, null and NaN are missing");
    }

    [TestMethod]
    public void Booleans_tabs_and_unkept_columns_read_as_the_loader_reads_them()
    {
        var path = temp.Write("flags.tsv", "id\tsmoker\tignored\tx\n1\tyes\tzzz\t1.25\n2\tNo\t\"q\"\t2\n3\t0\t\t\n");
        var options = Options(("smoker", ColumnKind.Boolean), ("x", ColumnKind.Numeric), ("id", ColumnKind.Text));

        var table = ReadAll(path, options);

        AssertSameTable(Reference(path, options), table);
        CollectionAssert.AreEqual(new[] { 1f, 0f, 0f }, table.Find("smoker")!.Numbers);
        CollectionAssert.AreEqual(new[] { "id", "smoker", "x" }, table.Columns.Select(c => c.Name).ToArray(), "file order, unkept columns left out");
    }

    [TestMethod]
    public void A_gzip_file_reads_like_the_plain_one()
    {
        var content = "x,y,name\n" + string.Concat(Enumerable.Range(0, 50).Select(i => $"{i * 0.37},{-i},n{i}\n"));
        var plain = temp.Write("plain.csv", content);
        var zipped = Path.Combine(temp.FullPath, "zipped.csv.gz");
        using (var file = File.Create(zipped))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            gzip.Write(Encoding.UTF8.GetBytes(content));

        AssertSameTable(ReadAll(plain, XyName), ReadAll(zipped, XyName, chunkRows: 16));
        Assert.AreEqual(50, ReadAll(zipped, XyName).RowCount);
    }

    /// <summary>Bad rows: the new reader's message is the loader's message, word for word.</summary>
    [TestMethod]
    [DataRow("wrong-count.csv", "x,y,name\n1,2,a\n3,4\n", 3)]
    [DataRow("too-many.csv", "x,y,name\n1,2,a\n3,4,b,c\n", 3)]
    [DataRow("separator-unquoted.csv", "x,y,name\n1,2,a\n3,4,Smith, John\n", 3)]
    [DataRow("not-a-number.csv", "x,y,name\n1,2,a\n3,wide,b\n", 3)]
    [DataRow("comma-decimal.csv", "x,y,name\n1,2,a\n3,\"4,5\",b\n", 3)]
    [DataRow("quote-inside.csv", "x,y,name\n1,2,a\n3,4,ab\"c\n5,6,d\n", 3)]
    [DataRow("after-closing-quote.csv", "x,y,name\n1,2,a\n3,4,\"ab\"c\n", 3)]
    [DataRow("after-multiline-field.csv", "x,y,name\n1,2,\"a\nb\"\n3,x,c\n", 4)]
    public void Bad_rows_fail_with_the_loaders_message(string file, string content, int line)
    {
        var path = temp.Write(file, content);

        var expected = Assert.ThrowsExactly<DataException>(() => Reference(path, XyName));
        var actual = Assert.ThrowsExactly<DataException>(() => ReadAll(path, XyName));

        Assert.AreEqual(expected.Message, actual.Message);
        Assert.AreEqual(line, actual.Line);
        StringAssert.StartsWith(actual.Message, $"{path}:{line}:");
    }

    [TestMethod]
    public void An_unclosed_quote_is_named()
    {
        var path = temp.Write("unclosed.csv", "x,y,name\n1,2,a\n3,4,\"never closed\n5,6,b\n");

        var e = Assert.ThrowsExactly<DataException>(() => ReadAll(path, XyName));

        Assert.AreEqual(path, e.File);
        Assert.AreEqual(3, e.Line);
        // The loader reports the unclosed quote; Sep sees one long last record whose field count is wrong first
        // or its unclosed quote: either names the line where the bad record starts.
        Assert.IsTrue(e.Message.Contains("never closed") || e.Message.Contains("expected 3 fields"), e.Message);
    }

    [TestMethod]
    public void An_empty_file_and_a_header_only_file_fail_as_the_loader_fails()
    {
        foreach (var (file, content) in new[] { ("empty.csv", ""), ("header-only.csv", "x,y,name\n"), ("header-and-blank.csv", "x,y,name\n\n\n") })
        {
            var path = temp.Write(file, content);
            var expected = Assert.ThrowsExactly<DataException>(() => Reference(path, XyName));
            var actual = Assert.ThrowsExactly<DataException>(() => ReadAll(path, XyName));
            Assert.AreEqual(expected.Message, actual.Message, file);
        }
    }

    [TestMethod]
    public void A_missing_input_column_is_named_with_what_the_file_has()
    {
        var path = temp.Write("partial.csv", "x,name\n1,a\n");

        var expected = Assert.ThrowsExactly<DataException>(() => Reference(path, XyName));
        var e = Assert.ThrowsExactly<DataException>(() => ReadAll(path, XyName));

        Assert.AreEqual(expected.Message, e.Message);
        StringAssert.StartsWith(e.Message, $"{path}:1: no column named 'y'");
        StringAssert.EndsWith(e.Message, "the file has: x, name");
    }
}
