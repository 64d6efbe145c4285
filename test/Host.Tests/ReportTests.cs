using System.Text.Json.Nodes;
using DeepLearning.Host.Tests.Support;

namespace DeepLearning.Host.Tests;

/// <summary><c>dlp train --report</c> writes an HTML page that a real browser renders: the metrics table is there
/// and every figure decodes to a picture of non-zero size.</summary>
[TestClass, TestCategory("e2e"), TestCategory("browser")]
public sealed class ReportTests
{
    [TestMethod]
    [DataRow("breast-cancer-logistic.yaml", 6, 3)]   // accuracy … log_loss; ROC, confusion, scatter
    [DataRow("diabetes-ols.yaml", 4, 3)]             // r_squared … mse; predicted/actual, residuals, scatter
    [DataRow("iris-mlp.yaml", 3, 4)]                 // micro/macro accuracy, log_loss; loss and accuracy curves, confusion, scatter
    public async Task The_report_renders_its_metrics_and_every_figure(string example, int metrics, int figures)
    {
        Assert.IsNotNull(HeadlessBrowser.Executable, "chromium is not installed: scripts/run-tests.sh installs it (apt-get install chromium)");
        using var dir = new TempDir();
        var model = dir.Path("model.zip");
        var train = DlpProcess.Run(["train", Path.Combine(RepoPaths.Examples, example), "--output", model, "--report", "--json"], dir.FullName);
        Assert.AreEqual(0, train.ExitCode, train.ToString());
        var report = JsonNode.Parse(train.StdOut)!["report"]!.GetValue<string>();
        Assert.AreEqual(dir.Path("model.report.html"), report);

        using var browser = await HeadlessBrowser.OpenAsync(new Uri(report).AbsoluteUri);
        var page = (await browser.EvaluateAsync("""
            JSON.stringify({
              title: document.querySelector('h1').textContent,
              metricRows: document.querySelectorAll('#metrics tr').length - 1,
              images: Array.from(document.images).map(i => [i.complete, i.naturalWidth, i.naturalHeight]),
              spec: document.querySelector('#spec').textContent.length
            })
            """))!.GetValue<string>();
        var json = JsonNode.Parse(page)!;
        Assert.AreEqual(metrics, json["metricRows"]!.GetValue<int>(), page);
        var images = json["images"]!.AsArray();
        Assert.IsGreaterThanOrEqualTo(figures, images.Count, page);
        foreach (var image in images)
        {
            Assert.IsTrue(image![0]!.GetValue<bool>(), page);
            Assert.IsGreaterThan(0, image[1]!.GetValue<int>(), "an image did not decode: " + page);
            Assert.IsGreaterThan(0, image[2]!.GetValue<int>(), page);
        }
        Assert.IsGreaterThan(100, json["spec"]!.GetValue<int>(), "the resolved spec is shown");
    }
}
