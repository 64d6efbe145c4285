using DeepLearning.Pipelines.Data;

namespace DeepLearning.Pipelines.Tests.Data;

/// <summary>RFC 4180 records: quotes, separators and line breaks inside fields, CRLF, blank lines.</summary>
[TestClass]
public sealed class CsvRecordReaderTests
{
    private static List<(int Line, string[] Fields)> ReadAll(string text, char separator = ',')
    {
        var csv = new CsvRecordReader(new StringReader(text), separator, "test.csv");
        var records = new List<(int, string[])>();
        var fields = new List<string>();
        while (csv.Read(fields)) records.Add((csv.RecordLine, fields.ToArray()));
        return records;
    }

    [TestMethod]
    public void QuotedFieldsHoldSeparatorsQuotesAndLineBreaks()
    {
        var records = ReadAll("name,note\n\"Smith, J.\",\"said \"\"hi\"\"\"\n\"two\nlines\",x\nlast,\"\"\n");

        Assert.HasCount(4, records);
        CollectionAssert.AreEqual(new[] { "Smith, J.", "said \"hi\"" }, records[1].Fields);
        CollectionAssert.AreEqual(new[] { "two\nlines", "x" }, records[2].Fields);
        CollectionAssert.AreEqual(new[] { "last", "" }, records[3].Fields);
        CollectionAssert.AreEqual(new[] { 1, 2, 3, 5 }, records.Select(r => r.Line).ToArray());
    }

    [TestMethod]
    public void CrlfLineEndsLeaveNoCarriageReturnInFields()
    {
        var records = ReadAll("a,b\r\n1,2\r\n3,4\r\n");

        Assert.HasCount(3, records);
        CollectionAssert.AreEqual(new[] { "1", "2" }, records[1].Fields);
        CollectionAssert.AreEqual(new[] { "3", "4" }, records[2].Fields);
        CollectionAssert.AreEqual(new[] { 1, 2, 3 }, records.Select(r => r.Line).ToArray());
    }

    [TestMethod]
    public void QuotedFieldEndingAtCrlf()
    {
        var records = ReadAll("a,b\r\n\"x\",\"y\"\r\n\"z\",w");

        CollectionAssert.AreEqual(new[] { "x", "y" }, records[1].Fields);
        CollectionAssert.AreEqual(new[] { "z", "w" }, records[2].Fields);
    }

    [TestMethod]
    public void BlankLinesAreSkippedButCounted()
    {
        var records = ReadAll("a,b\n\n1,2\r\n\r\n\n3,4\n\n");

        Assert.HasCount(3, records);
        CollectionAssert.AreEqual(new[] { 1, 3, 6 }, records.Select(r => r.Line).ToArray());
        CollectionAssert.AreEqual(new[] { "3", "4" }, records[2].Fields);
    }

    [TestMethod]
    public void LastRecordWithoutLineEnd()
    {
        var records = ReadAll("a,b\n1,2");

        CollectionAssert.AreEqual(new[] { "1", "2" }, records[1].Fields);
    }

    [TestMethod]
    public void EmptyFieldsAtTheEdges()
    {
        var records = ReadAll(",x,\n");

        CollectionAssert.AreEqual(new[] { "", "x", "" }, records[0].Fields);
    }

    [TestMethod]
    public void OtherSeparator()
    {
        var records = ReadAll("a\tb,c\t\"d\te\"\n", '\t');

        CollectionAssert.AreEqual(new[] { "a", "b,c", "d\te" }, records[0].Fields);
    }

    [TestMethod]
    public void CharacterAfterAClosingQuoteIsAnError()
    {
        var e = Assert.ThrowsExactly<DataException>(() => ReadAll("a,b\n\"x\"y,2\n"));

        Assert.AreEqual(2, e.Line);
        Assert.Contains("unexpected character 'y' after a closing quote", e.Message);
        Assert.StartsWith("test.csv:2", e.Message);
    }

    [TestMethod]
    public void LongInputCrossesTheReadBuffer()
    {
        var text = "a,b\n" + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"{i},\"v{i}\nw\"\n"));

        var records = ReadAll(text);

        Assert.HasCount(20_001, records);
        CollectionAssert.AreEqual(new[] { "19999", "v19999\nw" }, records[^1].Fields);
        Assert.AreEqual(2 + 2 * 19_999, records[^1].Line);
    }
}
