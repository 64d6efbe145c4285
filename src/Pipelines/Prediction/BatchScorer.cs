using System.Globalization;
using System.Text;
using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Prediction;

/// <summary>Scores a CSV file into a CSV file in chunks, so files of any size stream through in bounded memory.
/// The output is written to a temp file and renamed at the end: a bad row halfway leaves no partial output.</summary>
public static class BatchScorer
{
    /// <summary>Rows per chunk: large enough to amortise ML.NET's per-view cost, small enough to stay in cache.</summary>
    public const int DefaultChunkRows = 16_384;

    /// <summary>Scores <paramref name="input"/> into the file <paramref name="output"/>, copying the <paramref name="keep"/>
    /// columns first; written to a temp file and renamed. Returns the number of rows written.</summary>
    public static long Score(PipelineModel model, string input, string output, IReadOnlyList<string> keep, int chunkRows = DefaultChunkRows)
    {
        var temp = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output))!, $".{Path.GetFileName(output)}.{Guid.NewGuid():N}.tmp");
        try
        {
            long rows;
            using (var file = new FileStream(temp, FileMode.CreateNew)) rows = Score(model, input, file, keep, chunkRows);
            File.Move(temp, output, overwrite: true);
            return rows;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Scores <paramref name="input"/> into <paramref name="output"/> (any stream, e.g. standard output), copying
    /// the <paramref name="keep"/> columns first. Returns the number of rows written.</summary>
    public static long Score(PipelineModel model, string input, Stream output, IReadOnlyList<string> keep, int chunkRows = DefaultChunkRows)
    {
        var header = keep.Concat(PredictionColumns(model.Manifest.Task, model.Manifest.Classes ?? [], model.Manifest.OutputSize ?? 0)).ToList();
        long rows = 0;
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        writer.WriteLine(string.Join(',', header.Select(Quote)));
        var line = new StringBuilder();
        foreach (var chunk in model.ReadChunks(input, keep, chunkRows))
        {
            var predictions = model.Predict(chunk);
            var kept = keep.Select(k => chunk.Find(k)!).ToList();
            for (int r = 0; r < predictions.Count; r++)
            {
                line.Clear();
                foreach (var column in kept) line.Append(Quote(Cell(column, r))).Append(',');
                AppendPrediction(line, predictions[r], model.Manifest.Classes ?? []);
                writer.WriteLine(line);
            }
            rows += predictions.Count;
        }
        return rows;
    }

    /// <summary>The prediction columns of a task's output.</summary>
    public static IEnumerable<string> PredictionColumns(MlTask task, IReadOnlyList<string> classes, int outputSize) => task switch
    {
        MlTask.Regression => ["prediction"],
        MlTask.Binary => ["predicted_label", "probability", "score"],
        MlTask.Multiclass => new[] { "predicted_label" }.Concat(classes.Select(c => $"probability_{c}")),
        MlTask.Clustering => new[] { "cluster" }.Concat(Enumerable.Range(1, outputSize).Select(i => $"distance_{i}")),
        MlTask.DimensionalityReduction => Enumerable.Range(1, outputSize).Select(i => $"pc_{i}"),
        _ => ["anomaly_score", "is_anomaly"],
    };

    private static void AppendPrediction(StringBuilder line, PredictionResult p, IReadOnlyList<string> classes)
    {
        if (p.Value is { } v) { line.Append(Number(v)); return; }
        if (p.IsAnomaly is { } anomaly) { line.Append(Number(p.Score!.Value)).Append(',').Append(anomaly ? "true" : "false"); return; }
        if (p.Vector is { } vector)
        {
            if (p.Cluster is { } cluster) line.Append(cluster).Append(',');
            line.AppendJoin(',', vector.Select(Number));
            return;
        }
        line.Append(Quote(p.Label!));
        if (p.Probabilities is { } all)
            foreach (var c in classes) line.Append(',').Append(Number(all[c]));
        else line.Append(',').Append(Number(p.Probability!.Value)).Append(',').Append(Number(p.Score!.Value));
    }

    private static string Cell(TableColumn column, int row) =>
        column.Numbers is { } n ? (float.IsNaN(n[row]) ? "" : Number(n[row])) : column.Texts![row] ?? "";

    private static string Number(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>RFC 4180: quote a field holding a comma, quote or line break, doubling inner quotes.</summary>
    public static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
