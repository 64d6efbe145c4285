using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DeepLearning.Host.Tests.Support;

namespace DeepLearning.Host.Tests;

/// <summary>The sample line-of-business service (examples/CancerScreeningService) answers from a model trained by
/// <c>dlp train</c>, predicting in-process through the library.</summary>
[TestClass, TestCategory("e2e")]
public sealed class ScreeningServiceTests
{
    [TestMethod]
    public async Task The_service_screens_aspirates_with_a_model_trained_by_dlp()
    {
        using var dir = new TempDir();
        var model = dir.Path("screening.zip");
        var train = DlpProcess.Run(["train", Path.Combine(RepoPaths.Examples, "breast-cancer-screening.yaml"), "--output", model], dir.FullName);
        Assert.AreEqual(0, train.ExitCode, train.ToString());

        using var service = ServeProcess.StartDll(RepoPaths.ScreeningServiceDll, dir.FullName, model, "--urls", "http://127.0.0.1:0");
        using var http = new HttpClient { BaseAddress = service.Url };
        // Row 1 of breast_cancer.csv (malignant, label 0) and row 20 (benign, label 1): their ten mean measurements.
        var malignant = await Screen(http, new { meanRadius = 17.99, meanTexture = 10.38, meanPerimeter = 122.8, meanArea = 1001, meanSmoothness = 0.1184,
            meanCompactness = 0.2776, meanConcavity = 0.3001, meanConcavePoints = 0.1471, meanSymmetry = 0.2419, meanFractalDimension = 0.07871 });
        var benign = await Screen(http, new { meanRadius = 13.54, meanTexture = 14.36, meanPerimeter = 87.46, meanArea = 566.3, meanSmoothness = 0.09779,
            meanCompactness = 0.08129, meanConcavity = 0.06664, meanConcavePoints = 0.04781, meanSymmetry = 0.1885, meanFractalDimension = 0.05766 });
        Assert.AreEqual("refer to a pathologist", malignant["assessment"]!.GetValue<string>(), malignant.ToJsonString());
        Assert.IsGreaterThan(0.5, malignant["malignancyRisk"]!.GetValue<double>());
        Assert.AreEqual("benign", benign["assessment"]!.GetValue<string>(), benign.ToJsonString());
        Assert.IsLessThan(0.2, benign["malignancyRisk"]!.GetValue<double>());
    }

    private static async Task<JsonNode> Screen(HttpClient http, object aspirate)
    {
        using var response = await http.PostAsJsonAsync("screenings", aspirate);
        var body = await response.Content.ReadAsStringAsync();
        Assert.IsTrue(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!;
    }
}
