using System.IO.Compression;
using System.Text;
using DeepLearning.Pipelines.Bundle;
using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Prediction;
using DeepLearning.Pipelines.Running;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Tests.Prediction;

/// <summary>The byte scanner (a linear regression bundle's compiled form scoring a plain CSV file on every core):
/// whatever the file holds and wherever the blocks are cut, its output is byte for byte the general ML.NET path's;
/// on a file it does not handle it gives up and the general reader's output or error is what the caller gets.</summary>
[TestClass]
public sealed class CsvByteScorerTests
{
    private static TempDir models = null!;
    private static string ols = null!, sdca = null!, sentinel = null!, classifier = null!;

    [ClassInitialize]
    public static void TrainModels(TestContext _)
    {
        models = new TempDir();
        ols = Train("diabetes-ols.yaml", "ols.zip");
        sdca = Train("diabetes-sdca.yaml", "sdca.zip");
        // A missing-value token that looks like a number: "-999" must read as a gap, not as minus 999.
        sentinel = Train("diabetes-ols.yaml", "sentinel.zip", "data.missing={values: ['', 'NA', '-999']}");
        classifier = Train("iris-maximum-entropy.yaml", "iris.zip");
    }

    private static string Train(string example, string name, params string[] overrides)
    {
        var path = models.File(name);
        new PipelineTrainer().Train(SpecLoader.Load(Repo.Example(example), ["evaluate.cross_validation=0", .. overrides]), path);
        return path;
    }

    [ClassCleanup]
    public static void Cleanup() => models.Dispose();

    private static readonly ScoringOptions General = new() { FastPath = false };

    private static (string Csv, ScoringSummary Summary) Score(string bundle, string input, IReadOnlyList<string> keep, ScoringOptions options)
    {
        using var output = new MemoryStream();
        var summary = BatchScorer.Run(bundle, input, output, keep, options);
        return (Encoding.UTF8.GetString(output.ToArray()), summary);
    }

    /// <summary>The diabetes rows with an id, CRLF line ends, blank lines, every missing token, padded cells, signs,
    /// exponents, long mantissas, non-ASCII ids and a UTF-8 BOM; no line feed after the last row.</summary>
    private static string OddFile(TempDir dir, string name = "odd.csv", string separator = ",", string[]? odd = null)
    {
        var lines = File.ReadAllLines(Repo.Dataset("diabetes/diabetes.csv"));
        var random = new Random(11);
        odd ??= ["", "NA", "N/A", "?", "null", "NaN", " 3 ", separator == "\t" ? " 5" : "\t5", "-0", "1e2", "+4.5", "0.000001234", "12345678.9", "16777217", "7.12345678901"];
        string[] ids = ["r", "ünï-", "id_", "x.y:", "ĳ"];
        var text = new StringBuilder("\uFEFFid" + separator + lines[0].Replace(",", separator) + "\r\n");
        for (int i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split(',');
            for (int c = 0; c < cells.Length - 1; c++) if (random.Next(6) == 0) cells[c] = odd[random.Next(odd.Length)];
            var id = random.Next(40) == 0 ? (random.Next(2) == 0 ? "NA" : "") : ids[i % ids.Length] + i;
            text.Append(id).Append(separator).Append(string.Join(separator, cells));
            if (i < lines.Length - 1) text.Append(random.Next(3) == 0 ? "\r\n" : "\n");
            if (random.Next(50) == 0) text.Append(random.Next(2) == 0 ? "\n" : "\r\n"); // a blank line
        }
        var path = dir.File(name);
        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
        return path;
    }

    [TestMethod]
    [DataRow(1), DataRow(7), DataRow(64), DataRow(4096), DataRow(1 << 20)]
    public void Wherever_the_blocks_are_cut_the_output_is_the_general_paths_byte_for_byte(int blockBytes)
    {
        using var dir = new TempDir();
        var input = OddFile(dir);
        string[] keep = ["id", "bmi", "target"];
        foreach (var bundle in new[] { ols, sdca })
        {
            var (scanned, summary) = Score(bundle, input, keep, new ScoringOptions { BlockBytes = blockBytes });
            var (general, generalSummary) = Score(bundle, input, keep, General);

            StringAssert.Contains(summary.Path, "parsed from the file's bytes", bundle);
            StringAssert.StartsWith(generalSummary.Path, "general path");
            Assert.AreEqual(general, scanned, bundle);
            Assert.AreEqual(442, summary.Rows);
        }
    }

    [TestMethod]
    public void A_missing_value_token_that_looks_like_a_number_is_a_gap()
    {
        using var dir = new TempDir();
        var input = OddFile(dir, odd: ["", "NA", "-999", "-999", " 3 ", "-0", "1e2"]);
        Assert.Contains("-999", File.ReadAllText(input));

        var (scanned, summary) = Score(sentinel, input, ["id"], new ScoringOptions { BlockBytes = 100 });

        StringAssert.Contains(summary.Path, "parsed from the file's bytes");
        Assert.AreEqual(Score(sentinel, input, ["id"], General).Csv, scanned);
        // The same file read by the model that does not know the token differs where -999 was a number.
        Assert.AreNotEqual(Score(ols, input, ["id"], General).Csv, scanned);
    }

    [TestMethod]
    public void A_tab_separated_file_is_scanned_with_tabs()
    {
        using var dir = new TempDir();
        var input = OddFile(dir, "odd.tsv", "\t");

        var (scanned, summary) = Score(ols, input, ["id", "age"], new ScoringOptions { BlockBytes = 333 });

        StringAssert.Contains(summary.Path, "parsed from the file's bytes");
        Assert.AreEqual(Score(ols, input, ["id", "age"], General).Csv, scanned);
    }

    /// <summary>The general path's output, or its error message.</summary>
    private static string Outcome(string bundle, string input, ScoringOptions options, out ScoringSummary? summary)
    {
        summary = null;
        try
        {
            var (csv, s) = Score(bundle, input, ["id"], options);
            summary = s;
            return csv;
        }
        catch (DataException e)
        {
            return e.Message;
        }
    }

    /// <summary>Files the scanner leaves to the general reader: the caller gets the general path's output or error.</summary>
    [TestMethod]
    [DataRow("a quoted cell", "\"12.5\"", 30)]
    [DataRow("a quoted line break", "\"12\n5\"", 60)]
    [DataRow("a lone carriage return", "12\r5", 200)]
    [DataRow("an id with a leading space", " r5", 300)]
    [DataRow("an id with a comma, in a tab-separated file", "r,5", 400)]
    public void A_file_the_scanner_does_not_handle_gets_the_general_paths_output(string what, string cell, int row)
    {
        using var dir = new TempDir();
        bool tsv = what.Contains("tab");
        var input = OddFile(dir, tsv ? "odd.tsv" : "odd.csv", tsv ? "\t" : ",");
        var lines = File.ReadAllText(input).Split('\n');
        while (lines[row].TrimEnd('\r').Length == 0) row++;
        var cells = lines[row].Split(tsv ? '\t' : ',');
        cells[cell.StartsWith(' ') || cell.StartsWith('r') ? 0 : 3] = cell;
        lines[row] = string.Join(tsv ? '\t' : ',', cells);
        File.WriteAllText(input, string.Join('\n', lines));

        var scanned = Outcome(ols, input, new ScoringOptions { BlockBytes = 512 }, out var summary);
        var general = Outcome(ols, input, General, out _);

        Assert.DoesNotContain("bytes", summary?.Path ?? "", what);
        Assert.AreEqual(general, scanned, what);
    }

    [TestMethod]
    [DataRow("59,2,fat,101.0,157,93.2,38.0,4.0,4.8598,87,151", "column 'bmi' (#3): expected a number, received 'fat'")]
    [DataRow("59,2,32.1,101.0,157,93.2,38.0,4.0,4.8598,87", "expected 11 fields")]
    [DataRow("59,2,32.1,101.0,157,93.2,38.0,4.0,4.8598,87,151,3", "expected 11 fields")]
    public void A_bad_row_fails_with_the_general_readers_message_and_leaves_no_output(string bad, string says)
    {
        using var dir = new TempDir();
        var lines = File.ReadAllLines(Repo.Dataset("diabetes/diabetes.csv"));
        lines[300] = bad;
        var input = dir.File("bad.csv");
        File.WriteAllLines(input, lines);
        var output = dir.File("out.csv");

        var scanned = Assert.ThrowsExactly<DataException>(() => BatchScorer.Run(ols, input, output, [], new ScoringOptions { BlockBytes = 1000 }));
        var general = Assert.ThrowsExactly<DataException>(() => BatchScorer.Run(ols, input, output, [], General));

        Assert.AreEqual(general.Message, scanned.Message);
        StringAssert.Contains(scanned.Message, $"{input}:301:");
        StringAssert.Contains(scanned.Message, says);
        CollectionAssert.AreEqual(new[] { "bad.csv" }, Directory.GetFiles(dir.Path).Select(Path.GetFileName).ToArray(), "an output or temp file was left");
    }

    [TestMethod]
    [DataRow("\n"), DataRow("\n\n\r\n\n")]
    public void A_file_with_a_header_and_no_rows_fails_as_the_general_reader_says(string after)
    {
        using var dir = new TempDir();
        var input = dir.File("header.csv");
        File.WriteAllText(input, File.ReadLines(Repo.Dataset("diabetes/diabetes.csv")).First() + after);

        var e = Assert.ThrowsExactly<DataException>(() => BatchScorer.Run(ols, input, dir.File("out.csv"), []));

        Assert.AreEqual($"{input}: the file has a header but no data rows", e.Message);
        Assert.IsFalse(File.Exists(dir.File("out.csv")));
    }

    [TestMethod]
    public void Linear_regression_bundles_carry_their_compiled_form_and_other_models_do_not()
    {
        Assert.IsNotNull(ModelBundle.ReadLinear(ols));
        Assert.AreEqual(LinearSum.Double, ModelBundle.ReadLinear(ols)!.Sum);
        Assert.AreEqual(LinearSum.MlNetDense, ModelBundle.ReadLinear(sdca)!.Sum);
        Assert.IsNull(ModelBundle.ReadLinear(classifier));
        using var zip = ZipFile.OpenRead(classifier);
        Assert.IsNull(zip.GetEntry("compiled/linear.json"));
    }

    [TestMethod]
    public void A_form_keeps_every_float_bit_through_json()
    {
        float[] odd = [float.Epsilon, -0f, 0.1f, 1f / 3f, float.MaxValue, -float.MinValue, 1.17549435e-38f, 16777217f, 3.4028e38f];
        var form = new LinearForm
        {
            Mlnet = "x", Separator = "auto", Header = true, Missing = ["", "NA"], Bias = 1f / 7f, Sum = LinearSum.Double,
            Features = odd.Select((v, i) => new LinearFeature($"f{i}", [new LinearStep(Fill: v), new LinearStep(Offset: -v, Scale: v / 3)], v * 2)).ToList(),
        };

        var back = LinearForm.FromJson(new MemoryStream(Encoding.UTF8.GetBytes(form.ToJson())));

        Assert.AreEqual(BitConverter.SingleToInt32Bits(form.Bias), BitConverter.SingleToInt32Bits(back.Bias));
        for (int i = 0; i < odd.Length; i++)
        {
            var (a, b) = (form.Features[i], back.Features[i]);
            Assert.AreEqual(BitConverter.SingleToInt32Bits(a.Weight), BitConverter.SingleToInt32Bits(b.Weight), a.Name);
            Assert.AreEqual(BitConverter.SingleToInt32Bits(a.Steps[0].Fill!.Value), BitConverter.SingleToInt32Bits(b.Steps[0].Fill!.Value), a.Name);
            Assert.AreEqual(BitConverter.SingleToInt32Bits(a.Steps[1].Offset!.Value), BitConverter.SingleToInt32Bits(b.Steps[1].Offset!.Value), a.Name);
            Assert.AreEqual(BitConverter.SingleToInt32Bits(a.Steps[1].Scale!.Value), BitConverter.SingleToInt32Bits(b.Steps[1].Scale!.Value), a.Name);
            Assert.IsNull(b.Steps[0].Offset);
        }
    }

    [TestMethod]
    public void The_mlnet_version_recorded_at_build_time_is_the_one_that_runs() =>
        Assert.AreEqual(VersionInfo.MlNet, VersionInfo.MlNetBuild);

    [TestMethod]
    public void A_form_written_under_another_mlnet_version_is_not_used()
    {
        using var dir = new TempDir();
        var copy = dir.File("other.zip");
        File.Copy(ols, copy);
        using (var zip = ZipFile.Open(copy, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("compiled/linear.json")!;
            string json;
            using (var reader = new StreamReader(entry.Open())) json = reader.ReadToEnd();
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("compiled/linear.json").Open());
            writer.Write(json.Replace($"\"mlnet\": \"{VersionInfo.MlNetBuild}\"", "\"mlnet\": \"0.0.1\""));
        }
        Assert.IsNull(ModelBundle.ReadLinear(copy));
        var input = Repo.Dataset("diabetes/diabetes.csv");

        var (csv, summary) = Score(copy, input, [], new ScoringOptions { ChunkRows = 50 });

        // The chunk reader compiles the model from its ML.NET chain instead, and checks it on the first chunk.
        Assert.AreEqual("compiled linear path (ols head, 10 features)", summary.Path);
        Assert.AreEqual(Score(ols, input, [], General).Csv, csv);
    }
}
