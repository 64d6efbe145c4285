using System.Globalization;
using System.IO.Compression;
using System.Text;
using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Prediction;
using DeepLearning.Pipelines.Running;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Tests.Prediction;

/// <summary>Batch scoring (<c>dlp predict</c>): the compiled linear path writes exactly what the general ML.NET path
/// writes, which is exactly the model's own predictions; other models keep the general path; bad rows fail with the
/// line and column and leave no output.</summary>
[TestClass]
public sealed class BatchScorerTests
{
    private static readonly Dictionary<string, PipelineModel> Models = [];
    private static TempDir models = null!;

    [ClassInitialize]
    public static void TrainModels(TestContext _)
    {
        models = new TempDir();
        foreach (var example in new[] { "diabetes-ols.yaml", "diabetes-sdca.yaml", "seed-regression-ols.yaml", "iris-maximum-entropy.yaml" })
        {
            var path = models.File(example.Replace(".yaml", ".zip"));
            new PipelineTrainer().Train(SpecLoader.Load(Repo.Example(example), ["evaluate.cross_validation=0"]), path);
            Models[example] = PipelineModel.Load(path); // scored as `dlp predict` does: from the bundle
        }
        // Spec transforms instead of the automatic ones: gaps filled with the training maximum, then min-max scaling.
        var scaled = models.File("diabetes-ols-min-max.zip");
        new PipelineTrainer().Train(SpecLoader.Load(Repo.Example("diabetes-ols.yaml"),
            ["evaluate.cross_validation=0", "transforms=[{replace_missing: {with: maximum}}, {normalize: {method: min_max}}]"]), scaled);
        Models["diabetes-ols-min-max"] = PipelineModel.Load(scaled);
    }

    [ClassCleanup]
    public static void Cleanup() => models.Dispose();

    private static (string Csv, ScoringSummary Summary) Score(PipelineModel model, string input, IReadOnlyList<string> keep, ScoringOptions options)
    {
        using var output = new MemoryStream();
        var summary = BatchScorer.Run(model, input, output, keep, options);
        return (Encoding.UTF8.GetString(output.ToArray()), summary);
    }

    private static readonly ScoringOptions General = new() { FastPath = false, Pipelined = false };

    [TestMethod]
    [DataRow("diabetes-ols.yaml", "diabetes/diabetes.csv", "ols head")]
    [DataRow("diabetes-sdca.yaml", "diabetes/diabetes.csv", "ML.NET linear model")]
    [DataRow("seed-regression-ols.yaml", "seed_regression/seed_regression.csv", "ols head")]
    [DataRow("diabetes-ols-min-max", "diabetes/diabetes.csv", "ols head")]
    public void The_compiled_linear_path_writes_byte_for_byte_what_the_general_path_writes(string example, string data, string kind)
    {
        var model = Models[example];
        var input = Repo.Dataset(data);
        var keep = new[] { model.Manifest.Label! };

        var (fast, summary) = Score(model, input, keep, new ScoringOptions { ChunkRows = 5 });
        var (general, generalSummary) = Score(model, input, keep, General);

        StringAssert.StartsWith(summary.Path, $"compiled linear path ({kind}");
        StringAssert.StartsWith(generalSummary.Path, "general path");
        Assert.AreEqual(general, fast);
        Assert.AreEqual(File.ReadLines(input).Count(l => l.Length > 0) - 1, summary.Rows);
    }

    [TestMethod]
    [DataRow("diabetes-ols.yaml")]
    [DataRow("diabetes-sdca.yaml")]
    [DataRow("diabetes-ols-min-max")]
    public void Every_printed_prediction_is_the_models_own_prediction_bit_for_bit_also_for_missing_and_odd_cells(string example)
    {
        var model = Models[example];
        using var dir = new TempDir();
        // The diabetes rows with gaps (every missing token), signs, exponents and padding, across several chunks.
        var lines = File.ReadAllLines(Repo.Dataset("diabetes/diabetes.csv"));
        var random = new Random(5);
        string[] odd = ["", "NA", "?", " 3 ", "-0", "1e2", "+4.5", "0.000001234", "12345678.9"];
        var rows = lines.Skip(1).Select(line =>
        {
            var cells = line.Split(',');
            for (int c = 0; c < cells.Length - 1; c++) if (random.Next(8) == 0) cells[c] = odd[random.Next(odd.Length)];
            return string.Join(',', cells);
        });
        var input = dir.File("odd.csv");
        File.WriteAllLines(input, rows.Prepend(lines[0]));

        var (csv, summary) = Score(model, input, [], new ScoringOptions { ChunkRows = 64 });

        StringAssert.StartsWith(summary.Path, "compiled linear path");
        var expected = model.Predict(TableLoader.Load(input, model.ReadOptionsFor(withLabel: false)));
        var printed = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.HasCount(expected.Count, printed);
        for (int r = 0; r < printed.Count; r++)
            Assert.AreEqual(expected[r].Value!.Value.ToString("R", CultureInfo.InvariantCulture), printed[r], $"row {r + 1}");
        Assert.IsTrue(expected.All(p => float.IsFinite(p.Value!.Value)), "gaps were filled, not propagated as NaN");
    }

    [TestMethod]
    public void A_short_plain_file_is_scored_from_its_bytes_with_the_general_paths_output()
    {
        var model = Models["diabetes-ols.yaml"];
        var input = Repo.Dataset("diabetes/diabetes.csv");

        var (scanned, summary) = Score(model, input, [], new ScoringOptions());

        StringAssert.Contains(summary.Path, "parsed from the file's bytes");
        Assert.AreEqual(Score(model, input, [], General).Csv, scanned);
    }

    [TestMethod]
    public void Without_the_byte_scanner_a_file_of_one_chunk_or_less_is_scored_by_the_general_path_with_the_same_output()
    {
        var model = Models["diabetes-ols.yaml"];
        using var dir = new TempDir();
        // A gzip file is not scanned from its bytes: the chunk reader decides, and compiles only for a long file.
        var input = dir.File("diabetes.csv.gz");
        using (var file = File.Create(input))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            gzip.Write(File.ReadAllBytes(Repo.Dataset("diabetes/diabetes.csv")));

        var (small, summary) = Score(model, input, [], new ScoringOptions { ChunkRows = 442 + 1 });
        var (chunked, chunkedSummary) = Score(model, input, [], new ScoringOptions { ChunkRows = 10 });

        // Compiling and checking the fast path would cost a short file more than it saves.
        StringAssert.StartsWith(summary.Path, "general path");
        Assert.AreEqual("compiled linear path (ols head, 10 features)", chunkedSummary.Path);
        Assert.AreEqual(chunked, small);
    }

    [TestMethod]
    public void A_classifier_keeps_the_general_path_and_its_output()
    {
        var model = Models["iris-maximum-entropy.yaml"];
        var input = Repo.Dataset("iris/iris.csv");

        var (pipelined, summary) = Score(model, input, ["species"], new ScoringOptions { ChunkRows = 16 });
        var (sequential, _) = Score(model, input, ["species"], General);

        StringAssert.StartsWith(summary.Path, "general path");
        Assert.AreEqual(sequential, pipelined);
        var first = pipelined.Split('\n')[1].Split(',');
        Assert.AreEqual("setosa", first[0]);
        Assert.AreEqual("setosa", first[1]);
    }

    [TestMethod]
    public void Kept_text_columns_are_quoted_as_rfc_4180_asks_and_read_back_unchanged()
    {
        var model = Models["seed-regression-ols.yaml"];
        using var dir = new TempDir();
        string[] names = ["plain", "with, comma", "say \"hi\"", "two\nlines", "", "ünïcödé", "NA"];
        var input = dir.File("named.csv");
        File.WriteAllText(input, "name,x\n" + string.Concat(names.Select((n, i) =>
            $"{(n.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + n.Replace("\"", "\"\"") + "\"" : n)},{i}\n")));

        var (fast, summary) = Score(model, input, ["name", "x"], new ScoringOptions { ChunkRows = 2 });
        var (general, _) = Score(model, input, ["name", "x"], General);

        StringAssert.StartsWith(summary.Path, "compiled linear path");
        Assert.AreEqual(general, fast);
        var back = new CsvRecordReader(new StringReader(fast), ',', "output");
        var fields = new List<string>();
        back.Read(fields);
        CollectionAssert.AreEqual(new[] { "name", "x", "prediction" }, fields);
        for (int i = 0; i < names.Length; i++)
        {
            Assert.IsTrue(back.Read(fields));
            // A missing token (NA, empty) is written as an empty cell, as before.
            Assert.AreEqual(names[i] == "NA" ? "" : names[i], fields[0]);
            Assert.AreEqual(i.ToString(CultureInfo.InvariantCulture), fields[1]);
        }
        Assert.IsFalse(back.Read(fields));
    }

    [TestMethod]
    public void A_gzip_input_scores_like_the_plain_file()
    {
        var model = Models["diabetes-sdca.yaml"];
        using var dir = new TempDir();
        var plain = Repo.Dataset("diabetes/diabetes.csv");
        var zipped = dir.File("diabetes.csv.gz");
        using (var file = File.Create(zipped))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            gzip.Write(File.ReadAllBytes(plain));

        Assert.AreEqual(Score(model, plain, ["target"], new ScoringOptions()).Csv, Score(model, zipped, ["target"], new ScoringOptions()).Csv);
    }

    [TestMethod]
    [DataRow(true), DataRow(false)]
    public void A_bad_row_in_a_late_chunk_fails_with_its_line_and_leaves_no_output(bool fastPath)
    {
        var model = Models["diabetes-ols.yaml"];
        using var dir = new TempDir();
        var lines = File.ReadAllLines(Repo.Dataset("diabetes/diabetes.csv"));
        lines[400] = lines[400].Replace(lines[400].Split(',')[2], "fat"); // bmi on line 401
        var input = dir.File("bad.csv");
        File.WriteAllLines(input, lines);
        var output = dir.File("out.csv");

        var e = Assert.ThrowsExactly<DataException>(() =>
            BatchScorer.Run(model, input, output, [], new ScoringOptions { ChunkRows = 50, FastPath = fastPath }));

        Assert.AreEqual($"{input}:401: column 'bmi' (#3): expected a number, received 'fat' (the column is declared numeric; use '.' as the decimal point)", e.Message);
        Assert.IsFalse(File.Exists(output), "a partial output was left");
        CollectionAssert.AreEqual(new[] { "bad.csv" }, Directory.GetFiles(dir.Path).Select(Path.GetFileName).ToArray(), "a temp file was left");
    }

    [TestMethod]
    public void A_file_with_a_header_only_fails_and_writes_nothing()
    {
        var model = Models["diabetes-ols.yaml"];
        using var dir = new TempDir();
        var input = dir.File("header.csv");
        File.WriteAllText(input, File.ReadLines(Repo.Dataset("diabetes/diabetes.csv")).First() + "\n");
        var output = dir.File("out.csv");

        var e = Assert.ThrowsExactly<DataException>(() => BatchScorer.Run(model, input, output, []));

        Assert.AreEqual($"{input}: the file has a header but no data rows", e.Message);
        Assert.IsFalse(File.Exists(output));
    }
}
