using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Tests.Data;

/// <summary>Opening data: gzip by magic bytes, separator by option or extension, SHA-256 of the bytes read.</summary>
[TestClass]
public sealed class DataSourceTests
{
    private const string Csv = "x,name,flag\n1.5,\"Smith, J.\",yes\n2,plain,no\n-3e2,\"a \"\"quote\"\"\",yes\n";

    private readonly TempDirectory temp = new();

    [TestCleanup]
    public void Cleanup() => temp.Dispose();

    private string WriteGzip(string name, string content)
    {
        var path = Path.Combine(temp.FullPath, name);
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
            gzip.Write(Encoding.UTF8.GetBytes(content));
        return path;
    }

    private static void AssertSameTable(DataTable expected, DataTable actual)
    {
        CollectionAssert.AreEqual(expected.Columns.Select(c => (c.Name, c.Kind)).ToArray(), actual.Columns.Select(c => (c.Name, c.Kind)).ToArray());
        CollectionAssert.AreEqual(expected.Lines, actual.Lines);
        for (int i = 0; i < expected.Columns.Count; i++)
        {
            if (expected.Columns[i].Numbers is { } numbers) CollectionAssert.AreEqual(numbers, actual.Columns[i].Numbers);
            else CollectionAssert.AreEqual(expected.Columns[i].Texts, actual.Columns[i].Texts);
        }
    }

    [TestMethod]
    public void GzipFileReadsLikeThePlainFile()
    {
        var plain = TableLoader.Load(temp.Write("data.csv", Csv), TempDirectory.Defaults);
        var gzipped = TableLoader.Load(WriteGzip("data.csv.gz", Csv), TempDirectory.Defaults);

        AssertSameTable(plain, gzipped);
        Assert.AreEqual(3, gzipped.RowCount);
        CollectionAssert.AreEqual(new[] { "Smith, J.", "plain", "a \"quote\"" }, gzipped.Find("name")!.Texts);
    }

    [TestMethod]
    public void GzipIsDetectedByContentNotByName()
    {
        var path = WriteGzip("compressed-without-extension.csv", Csv);

        using var reader = DataSource.Open(path);

        Assert.AreEqual(Csv, reader.ReadToEnd());
    }

    [TestMethod]
    public void Sha256IsOfTheFileBytes()
    {
        var path = temp.Write("data.csv", Csv);

        var table = TableLoader.Load(path, TempDirectory.Defaults);

        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), table.Sha256);
        Assert.AreEqual(DataSource.Sha256(path), table.Sha256);
    }

    [TestMethod]
    public void Sha256OfAGzipFileIsOfItsCompressedBytes()
    {
        var path = WriteGzip("data.csv.gz", Csv);

        var table = TableLoader.Load(path, TempDirectory.Defaults);

        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), table.Sha256);
    }

    [TestMethod]
    public void Sha256CoversRowsDroppedForMissingValues()
    {
        var path = temp.Write("gaps.csv", "a,b\n1,2\n3,NA\n");

        var table = TableLoader.Load(path, TempDirectory.Defaults with { Policy = MissingPolicy.DropRows });

        Assert.AreEqual(1, table.RowCount);
        Assert.AreEqual(DataSource.Sha256(path), table.Sha256);
    }

    [TestMethod]
    public void TsvFileIsReadWithTabs()
    {
        var path = temp.Write("data.tsv", "text\tn\nhello, world\t1\nbye\t2\n");

        var table = TableLoader.Load(path, TempDirectory.Defaults);

        CollectionAssert.AreEqual(new[] { "text", "n" }, table.Columns.Select(c => c.Name).ToArray());
        CollectionAssert.AreEqual(new[] { "hello, world", "bye" }, table.Find("text")!.Texts);
        CollectionAssert.AreEqual(new[] { 1f, 2f }, table.Find("n")!.Numbers);
    }

    [TestMethod]
    public void GzippedTsvIsReadWithTabs()
    {
        var path = WriteGzip("data.tsv.gz", "a\tb\n1\t2\n");

        var table = TableLoader.Load(path, TempDirectory.Defaults);

        CollectionAssert.AreEqual(new[] { "a", "b" }, table.Columns.Select(c => c.Name).ToArray());
    }

    [TestMethod]
    public void SeparatorFromOptionOrExtension()
    {
        Assert.AreEqual(',', DataSource.Separator("auto", "/d/data.csv"));
        Assert.AreEqual('\t', DataSource.Separator("auto", "/d/data.tsv"));
        Assert.AreEqual('\t', DataSource.Separator("auto", "/d/DATA.TSV.GZ"));
        Assert.AreEqual('\t', DataSource.Separator("auto", "/d/data.tab"));
        Assert.AreEqual(',', DataSource.Separator("auto", "/d/data.csv.gz"));
        Assert.AreEqual('\t', DataSource.Separator("\\t", "/d/data.csv"));
        Assert.AreEqual(';', DataSource.Separator(";", "/d/data.tsv"));
    }

    [TestMethod]
    public void DeclaredSeparatorIsUsed()
    {
        var path = temp.Write("semicolons.csv", "a;b\n1,5;2\n");

        var table = TableLoader.Load(path, TempDirectory.Defaults with { Separator = ";" });

        CollectionAssert.AreEqual(new[] { "1,5" }, table.Find("a")!.Texts);
        CollectionAssert.AreEqual(new[] { 2f }, table.Find("b")!.Numbers);
    }

    [TestMethod]
    public void ByteOrderMarkIsNotPartOfTheFirstName()
    {
        var path = Path.Combine(temp.FullPath, "bom.csv");
        File.WriteAllText(path, "a,b\n1,2\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var table = TableLoader.Load(path, TempDirectory.Defaults);

        Assert.AreEqual("a", table.Columns[0].Name);
    }

    [TestMethod]
    public void ShippedGzipDataSetLoads()
    {
        var path = Spec.RepositoryFiles.PathOf("datasets", "spam_assassin", "spam_assassin.csv.gz");

        var table = TableLoader.Load(path, TempDirectory.Defaults with { Keep = new HashSet<string> { "label" } });

        Assert.IsGreaterThan(1000, table.RowCount);
        Assert.AreEqual(DataSource.Sha256(path), table.Sha256);
    }
}
