// Our side of `make bench` against scikit-learn. bench/sklearn_cases.py starts this program once and sends one JSON
// request per line on stdin; each answer is one JSON line on stdout (the library's own messages go to stderr).
//   {"op":"prepare","spec":"bench/specs/x.yaml","set":["trainer.l2=0.5"]}  read the spec's data with the library, split it as `dlp train` does,
//       fit and predict until the JIT has settled (6 s or 30 fits, at least 2); answers the task, the feature and label columns and the fit/test row numbers,
//       so the peer fits on exactly the same rows.
//   {"op":"run"}      one timed fit on the fit rows and one timed prediction of the test rows; answers both times in ms
//       and the metrics of the test rows (computed by the library's evaluator, untimed).
//   {"op":"embedded","spec":"…","single":20000,"batch_rows":100000}  trains and saves the spec's model, loads the
//       bundle with PipelineModel.Load and times Predict on single rows (p50/p99 µs) and on a batch (rows/s).
//   {"op":"quit"}
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Prediction;
using DeepLearning.Pipelines.Running;
using DeepLearning.Pipelines.Spec;
using DeepLearning.Pipelines.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

var protocol = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
Console.SetOut(Console.Error);
Case? current = null;
string? line;
while ((line = Console.ReadLine()) is not null)
{
    if (line.Trim().Length == 0) continue;
    var request = JsonNode.Parse(line)!.AsObject();
    JsonObject answer;
    try
    {
        answer = (string)request["op"]! switch
        {
            "prepare" => (current = Case.Prepare((string)request["spec"]!, Overrides(request))).Describe(),
            "run" => (current ?? throw new InvalidOperationException("run before prepare")).Run(),
            "embedded" => Embedded.Run((string)request["spec"]!, (int?)request["single"] ?? 20_000, (int?)request["batch_rows"] ?? 100_000),
            "quit" => new JsonObject { ["ok"] = true },
            var op => throw new ArgumentException($"unknown op '{op}'"),
        };
    }
    catch (Exception e) when (e is not OutOfMemoryException)
    {
        // The driver prints the error and goes on with the next case; nothing is hidden.
        answer = new JsonObject { ["error"] = $"{e.GetType().Name}: {e.Message}" };
        Console.Error.WriteLine(e);
    }
    protocol.WriteLine(answer.ToJsonString());
    if ((string?)request["op"] == "quit") break;
}

// Optional "set": ["trainer.l2=0.5", …], as `dlp train --set` (for trying settings by hand; the cases use none).
static IReadOnlyList<string> Overrides(JsonObject request) =>
    request["set"]?.AsArray().Select(v => (string)v!).ToList() ?? [];

/// <summary>One benchmark case: a spec's data read and split once, fitted and scored as often as asked.</summary>
internal sealed class Case(LoadedSpec loaded, PreparedData data, PipelineFitter fitter, int[] fitRows, int[] testRows)
{
    private PipelineSpec Spec => loaded.Spec;
    private LabelledTable TestData => data.Test ?? data.Train;

    public static Case Prepare(string specPath, IReadOnlyList<string> overrides)
    {
        var loaded = SpecLoader.Load(specPath, overrides);
        var trainer = new PipelineTrainer();
        var data = trainer.Prepare(loaded);
        var definition = TrainerCatalog.Default.Find(loaded.Spec.Trainer.Name)!;
        var fitter = new PipelineFitter(loaded.Spec, definition, data.Features);
        var (fit, test) = PipelineTrainer.HoldoutSplit(loaded.Spec, data);
        var @case = new Case(loaded, data, fitter, fit, test);
        // Warm-up: JIT, ML.NET's lazy initialisation, native libraries. Tiered compilation recompiles hot methods
        // optimised only after they have run a while, and ML.NET's per-column transforms took longest: on digits the
        // featurisation and the read of its rows took 20 + 20 ms for the first ~20 fits of a process, then 7 + 4 ms.
        // Fit until 6 s have passed or 30 fits have run (at least twice).
        var warmUp = Stopwatch.StartNew();
        for (int i = 0; i < 30 && (i < 2 || warmUp.Elapsed < TimeSpan.FromSeconds(6)); i++) @case.Run();
        return @case;
    }

    public JsonObject Describe()
    {
        var spec = Spec;
        var test = TestData;
        var answer = new JsonObject
        {
            ["task"] = SnakeCase.Of(spec.Task),
            ["trainer"] = spec.Trainer.Name,
            ["file"] = data.Train.Table.Source,
            ["test_file"] = data.Test?.Table.Source,
            ["rows"] = data.Train.Table.RowCount,
            ["label"] = spec.Label,
            ["features"] = new JsonArray(data.Features.Select(f => (JsonNode)f.Name).ToArray()),
            ["fit_rows"] = new JsonArray(fitRows.Select(r => (JsonNode)r).ToArray()),
            ["test_rows"] = new JsonArray(testRows.Select(r => (JsonNode)r).ToArray()),
        };
        // What the peer checks its own reading of the file against: the class (or the value) of every test row.
        if (test.ClassOfRow is { } classes && test.Classes.Count > 0)
            answer["test_labels"] = new JsonArray(testRows.Select(r => (JsonNode)(classes[r] >= 0 ? test.Classes[classes[r]] : "")).ToArray());
        else if (spec.Label is { } label && test.Table.Find(label)?.Numbers is { } values)
            answer["test_label_sum"] = testRows.Sum(r => (double)values[r]);
        return answer;
    }

    public JsonObject Run()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var clock = Stopwatch.StartNew();
        var fitted = fitter.Fit(data.Train, fitRows);
        double fitMs = clock.Elapsed.TotalMilliseconds;

        var view = TestData.Table.View(testRows);
        clock.Restart();
        long predicted = Drain(fitted.Model.Score(view), Spec.Task);
        double predictMs = clock.Elapsed.TotalMilliseconds;
        if (predicted != testRows.Length) throw new InvalidOperationException($"scored {predicted} of {testRows.Length} test rows");

        var report = fitted.Model.Evaluate(TestData, testRows);
        var metrics = new JsonObject();
        foreach (var (name, value) in report.Metrics.Where(m => !m.Key.Contains("_pc", StringComparison.Ordinal)))
            metrics[name] = double.IsFinite(value) ? value : null;
        return new JsonObject { ["fit_ms"] = fitMs, ["predict_ms"] = predictMs, ["metrics"] = metrics };
    }

    /// <summary>Reads every row's prediction, as a caller of the scoring API would (a view is lazy until read).</summary>
    private static long Drain(IDataView scored, MlTask task)
    {
        long rows = 0;
        switch (task)
        {
            case MlTask.Regression:
            case MlTask.Anomaly:
                foreach (var _ in scored.GetColumn<float>("Score")) rows++;
                break;
            case MlTask.Binary:
                foreach (var _ in scored.GetColumn<float>("Probability")) rows++;
                break;
            case MlTask.Clustering:
                foreach (var _ in scored.GetColumn<uint>("PredictedLabel")) rows++;
                break;
            case MlTask.DimensionalityReduction:
                foreach (var _ in scored.GetColumn<VBuffer<float>>(TrainerCatalog.ProjectionColumn)) rows++;
                break;
            default:
                var dense = Array.Empty<float>();
                foreach (var score in scored.GetColumn<VBuffer<float>>("Score"))
                {
                    if (dense.Length != score.Length) dense = new float[score.Length];
                    score.CopyTo(dense);
                    int best = 0;
                    for (int i = 1; i < dense.Length; i++) if (dense[i] > dense[best]) best = i;
                    rows++;
                }
                break;
        }
        return rows;
    }
}

/// <summary>Embedded scoring: the prediction API of a saved and loaded model, one row at a time and in batches.</summary>
internal static class Embedded
{
    public static JsonObject Run(string specPath, int single, int batchRows)
    {
        var loaded = SpecLoader.Load(specPath, ["evaluate.cross_validation=0"]);
        var work = Directory.CreateTempSubdirectory("dlp-bench-").FullName;
        try
        {
            var bundle = Path.Combine(work, "model.zip");
            var trained = new PipelineTrainer().Train(loaded, bundle);
            var model = PipelineModel.Load(bundle);
            var inputs = trained.Holdout.Inputs;
            var names = model.Manifest.InputSchema.Select(c => c.Name).ToList();
            var rows = Enumerable.Range(0, inputs.RowCount).Select(r => (IReadOnlyDictionary<string, object?>)names.ToDictionary(
                n => n, n => inputs.Find(n)!.Numbers is { } v ? (object?)v[r] : inputs.Find(n)!.Texts![r])).ToList();

            for (int i = 0; i < 2_000; i++) model.Predict(rows[i % rows.Count]);
            var ticks = new long[single];
            double checksum = 0;
            for (int i = 0; i < single; i++)
            {
                long start = Stopwatch.GetTimestamp();
                var p = model.Predict(rows[i % rows.Count]);
                ticks[i] = Stopwatch.GetTimestamp() - start;
                checksum += p.Probability ?? p.Score ?? 0;
            }
            Array.Sort(ticks);
            double Micro(double q) => ticks[(int)Math.Min(ticks.Length - 1, Math.Round(q * (ticks.Length - 1)))] * 1e6 / Stopwatch.Frequency;

            var batch = inputs.Select(Enumerable.Range(0, batchRows).Select(i => i % inputs.RowCount).ToArray());
            model.Predict(inputs);
            var rates = new List<double>();
            for (int k = 0; k < 3; k++)
            {
                GC.Collect();
                var clock = Stopwatch.StartNew();
                int n = model.Predict(batch).Count;
                rates.Add(n / clock.Elapsed.TotalSeconds);
            }
            rates.Sort();

            // The fit/test rows, so the peer trains the same model on the same rows.
            var data = new PipelineTrainer().Prepare(loaded);
            var (fit, test) = PipelineTrainer.HoldoutSplit(loaded.Spec, data);
            return new JsonObject
            {
                ["file"] = data.Train.Table.Source,
                ["label"] = loaded.Spec.Label,
                ["features"] = new JsonArray(names.Select(n => (JsonNode)n).ToArray()),
                ["fit_rows"] = new JsonArray(fit.Select(r => (JsonNode)r).ToArray()),
                ["test_rows"] = new JsonArray(test.Select(r => (JsonNode)r).ToArray()),
                ["single_rows"] = single,
                ["p50_us"] = Micro(0.50),
                ["p99_us"] = Micro(0.99),
                ["mean_us"] = ticks.Average() * 1e6 / Stopwatch.Frequency,
                ["batch_rows"] = batchRows,
                ["batch_rows_per_s"] = rates[1],
                ["metrics"] = JsonSerializer.SerializeToNode(trained.Manifest.Metrics.Metrics),
                ["checksum"] = checksum,
            };
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
