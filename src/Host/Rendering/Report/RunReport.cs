using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using DeepLearning.Pipelines.Bundle;
using DeepLearning.Pipelines.Evaluation;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Host.Rendering.Report;

/// <summary>A self-contained HTML page about one training run: metrics, cross-validation, confusion matrix, the
/// figures inline (PNG as data URIs), the resolved spec and the provenance. One file to mail or archive.</summary>
public static class RunReport
{
    /// <summary>Writes the report to <paramref name="path"/> atomically.</summary>
    public static void Write(ModelManifest m, string? modelPath, IReadOnlyList<Figure> figures, string path)
    {
        var html = Render(m, modelPath, figures);
        AtomicFile.Write(new UTF8Encoding(false).GetBytes(html), path);
    }

    /// <summary>The page.</summary>
    public static string Render(ModelManifest m, string? modelPath, IReadOnlyList<Figure> figures)
    {
        var h = new StringBuilder();
        string E(string s) => WebUtility.HtmlEncode(s);
        string F(double v) => double.IsNaN(v) ? "n/a" : v.ToString("0.0000", CultureInfo.InvariantCulture);
        var rl = m.Reinforcement;
        var trainedOn = rl is null ? $"on {m.Provenance.TrainRows} rows, tested on {m.Provenance.TestRows}"
            : $"for {m.EpisodeHistory?.Episodes} episodes ({m.Provenance.TrainRows} steps) in {rl.Environment["name"]}, evaluated over {rl.Evaluation.Episodes} episodes";
        var metricsHeading = rl is null ? "Test metrics" : $"Evaluation ({rl.Evaluation.Episodes} episodes of the greedy policy, seed {rl.Evaluation.Seed})";
        h.Append($$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{{E(m.Name)}} — run report</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; color: #222; }
            h1 { margin-bottom: 0.2rem; } .sub { color: #666; margin-top: 0; }
            table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; } td, th { border: 1px solid #ccc; padding: 0.3rem 0.7rem; }
            th { background: #f3f3f3; text-align: left; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
            figure { display: inline-block; margin: 0 1rem 1.5rem 0; } figcaption { color: #444; font-size: 0.9rem; }
            img { border: 1px solid #ddd; max-width: 100%; } pre { background: #f7f7f7; padding: 1rem; overflow-x: auto; }
            </style></head><body>
            <h1>{{E(m.Name)}}</h1>
            <p class="sub">{{E(SnakeCase.Of(m.Task))}} · {{E(m.Trainer)}} · trained {{m.Provenance.StartedAt:u}} in {{m.Provenance.DurationSeconds.ToString("0.0", CultureInfo.InvariantCulture)}} s {{E(trainedOn)}}{{(modelPath is null ? "" : " · " + E(modelPath))}}</p>
            <h2>{{E(metricsHeading)}}</h2>
            <table id="metrics"><tr><th>metric</th><th>value</th></tr>
            """);
        foreach (var (name, value) in m.Metrics.Metrics) h.Append($"<tr><td>{E(name)}</td><td class=\"num\">{F(value)}</td></tr>\n");
        h.Append("</table>\n");
        if (m.CrossValidation is { } cv)
        {
            h.Append($"<h2>{cv.Folds}-fold cross-validation</h2>\n<table id=\"cross-validation\"><tr><th>metric</th><th>mean</th><th>std</th></tr>\n");
            foreach (var (name, s) in cv.Metrics) h.Append($"<tr><td>{E(name)}</td><td class=\"num\">{F(s.Mean)}</td><td class=\"num\">{F(s.Std)}</td></tr>\n");
            h.Append("</table>\n");
        }
        if (m.Metrics.ConfusionMatrix is { } matrix) Confusion(h, matrix, E);
        if (figures.Count > 0)
        {
            h.Append("<h2>Figures</h2>\n");
            foreach (var f in figures)
                h.Append($"<figure><img alt=\"{E(f.Title)}\" src=\"data:image/png;base64,{Convert.ToBase64String(f.Png)}\"><figcaption>{E(f.Title)}</figcaption></figure>\n");
        }
        if (rl is null)
        {
            h.Append("<h2>Featurization</h2>\n<table><tr><th>step</th><th>columns</th><th>detail</th><th>added by</th></tr>\n");
            foreach (var s in m.Featurization) h.Append($"<tr><td>{E(s.Transform)}</td><td>{E(string.Join(", ", s.Columns))}</td><td>{E(s.Detail)}</td><td>{(s.Automatic ? "auto" : "spec")}</td></tr>\n");
            h.Append("</table>\n");
        }
        h.Append("<h2>Provenance</h2>\n<table id=\"provenance\">\n");
        void Row(string k, string v) => h.Append($"<tr><th>{E(k)}</th><td>{E(v)}</td></tr>\n");
        Row("spec", m.Provenance.SpecPath);
        if (m.Provenance.TrainData is { } train) Row("training data", $"{train.Path} ({train.Rows} rows, sha256 {train.Sha256})");
        if (rl is not null)
        {
            Row("environment", rl.Environment.ToJsonString());
            Row("agent", rl.Agent.ToJsonString());
            if (m.EpisodeHistory is { } history) Row("training", history.Summary());
        }
        if (m.Provenance.TestData is { } test) Row("test data", $"{test.Path} ({test.Rows} rows, sha256 {test.Sha256})");
        Row("seed", m.Provenance.Seed.ToString(CultureInfo.InvariantCulture));
        Row("device", m.Provenance.Device);
        Row("versions", string.Join(", ", m.Provenance.Versions.Select(v => $"{v.Key} {v.Value}")));
        h.Append("</table>\n<h2>Resolved spec</h2>\n<pre id=\"spec\">");
        h.Append(E(m.Provenance.Spec.ToJsonString(new JsonSerializerOptions { WriteIndented = true })));
        h.Append("</pre>\n</body></html>\n");
        return h.ToString();
    }

    private static void Confusion(StringBuilder h, ConfusionMatrix matrix, Func<string, string> e)
    {
        h.Append("<h2>Confusion matrix</h2>\n<table id=\"confusion\"><tr><th>actual \\ predicted</th>");
        foreach (var c in matrix.Classes) h.Append($"<th>{e(c)}</th>");
        h.Append("</tr>\n");
        for (int a = 0; a < matrix.Classes.Count; a++)
        {
            h.Append($"<tr><th>{e(matrix.Classes[a])}</th>");
            for (int p = 0; p < matrix.Classes.Count; p++)
                h.Append($"<td class=\"num\"{(a == p ? " style=\"background:#e6f4ea\"" : "")}>{matrix.Counts[a][p]}</td>");
            h.Append("</tr>\n");
        }
        h.Append("</table>\n");
    }
}
