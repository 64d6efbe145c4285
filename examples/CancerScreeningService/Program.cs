// A line-of-business service: POST /screenings with an aspirate's measurements, get an assessment back.
//   dotnet CancerScreeningService.dll MODEL.zip | REGISTRY/NAME  [--urls http://127.0.0.1:5080]
// The model is a binary classifier of breast_cancer (label 1 = benign) trained by `dlp train`, or a registry's champion,
// which the service follows as nightly jobs promote new versions (no restart).
using DeepLearning.Examples.CancerScreeningService;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using DeepLearning.Pipelines.Prediction;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: CancerScreeningService MODEL.zip | REGISTRY/NAME [--urls URL]");
    return 2;
}
// One service for the process: loading is the expensive part; predicting is thread-safe.
using var predictions = File.Exists(args[0])
    ? PredictionService.ForBundle(args[0])
    : PredictionService.ForChampion(Path.GetDirectoryName(Path.GetFullPath(args[0]))!, Path.GetFileName(args[0]));

var builder = WebApplication.CreateSlimBuilder(args[1..]);
builder.Logging.ClearProviders();
var app = builder.Build();

// Refer anything above this risk: a screening service prefers a second look to a missed malignancy.
const double ReferralRisk = 0.2;

app.MapPost("/screenings", (Aspirate aspirate) =>
{
    var prediction = predictions.Predict(aspirate);
    // The model's positive class is 1 = benign, so the malignancy risk is the other side.
    double risk = 1 - prediction.Probability!.Value;
    return Results.Ok(new Screening(risk >= ReferralRisk ? "refer to a pathologist" : "benign", Math.Round(risk, 4), predictions.Version));
});
app.MapGet("/health", () => Results.Ok(new { status = "ok", version = predictions.Version }));

app.Start();
Console.WriteLine($"listening on {app.Urls.First()}");
app.WaitForShutdown();
return 0;
