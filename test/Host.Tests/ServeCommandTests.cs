using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DeepLearning.Host.Tests.Support;

namespace DeepLearning.Host.Tests;

/// <summary><c>dlp serve</c> on loopback: the real program, real HTTP, one port picked by the OS per test.</summary>
[TestClass, TestCategory("e2e")]
public sealed class ServeCommandTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(20) };

    private static string Flower(double sepalLength, double sepalWidth, double petalLength, double petalWidth) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{{\"sepal_length_cm\": {sepalLength}, \"sepal_width_cm\": {sepalWidth}, \"petal_length_cm\": {petalLength}, \"petal_width_cm\": {petalWidth}}}");

    private static (HttpStatusCode Status, JsonNode Body) Post(ServeProcess server, string body)
    {
        using var response = Http.PostAsync(new Uri(server.Url, "/predict"), new StringContent(body, Encoding.UTF8, "application/json")).Result;
        var text = response.Content.ReadAsStringAsync().Result;
        return (response.StatusCode, JsonNode.Parse(text)!);
    }

    private static JsonNode Get(ServeProcess server, string path)
    {
        using var response = Http.GetAsync(new Uri(server.Url, path)).Result;
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(response.Content.ReadAsStringAsync().Result)!;
    }

    [TestMethod]
    public void A_bundle_answers_single_and_batch_rows_health_and_model_and_stops_on_sigterm()
    {
        using var dir = new TempDir();
        var (model, _) = Dlp.Train(dir, "iris-maximum-entropy.yaml", null, "--set", "evaluate.cross_validation=0");
        using var server = ServeProcess.Start(dir.FullName, model);

        var (status, single) = Post(server, Flower(5.1, 3.5, 1.4, 0.2));
        Assert.AreEqual(HttpStatusCode.OK, status, single.ToJsonString());
        Assert.AreEqual("setosa", single["label"]!.GetValue<string>());
        Assert.IsGreaterThan(0.5, single["probability"]!.GetValue<double>());
        Assert.HasCount(3, single["probabilities"]!.AsObject());
        Assert.IsNull(single["value"], "only the fields the task sets are written");

        var (_, array) = Post(server, $"[{Flower(5.1, 3.5, 1.4, 0.2)}, {Flower(6.7, 3.0, 5.2, 2.3)}]");
        CollectionAssert.AreEqual(new[] { "setosa", "virginica" }, array.AsArray().Select(p => p!["label"]!.GetValue<string>()).ToArray());
        var (_, wrapped) = Post(server, $"{{\"rows\": [{Flower(6.7, 3.0, 5.2, 2.3)}]}}");
        Assert.AreEqual("virginica", wrapped["predictions"]![0]!["label"]!.GetValue<string>());

        var health = Get(server, "/health");
        Assert.AreEqual("ok", health["status"]!.GetValue<string>());
        Assert.AreEqual("iris-species", health["model"]!.GetValue<string>());
        var manifest = Get(server, "/model");
        Assert.AreEqual(1, manifest["format_version"]!.GetValue<int>());
        Assert.HasCount(4, manifest["input_schema"]!.AsArray());

        var (exit, stderr) = server.Stop();
        Assert.AreEqual(0, exit, stderr);
        Assert.Contains("stopped", stderr);
    }

    [TestMethod]
    public void Bad_requests_get_400_or_413_with_a_message()
    {
        using var dir = new TempDir();
        var (model, _) = Dlp.Train(dir, "iris-maximum-entropy.yaml", null, "--set", "evaluate.cross_validation=0");
        using var server = ServeProcess.Start(dir.FullName, model, "--max-request-bytes", "4096");

        var (status, body) = Post(server, "{\"sepal_length_cm\": ");
        Assert.AreEqual(HttpStatusCode.BadRequest, status);
        Assert.Contains("not valid JSON", body["error"]!.GetValue<string>());

        (status, body) = Post(server, Flower(5.1, 3.5, 1.4, 0.2).Replace("0.2", "[0.2]"));
        Assert.AreEqual(HttpStatusCode.BadRequest, status);
        Assert.Contains("column 'petal_width_cm': a value must be a number, a string, true/false or null; received an array", body["error"]!.GetValue<string>());

        (status, body) = Post(server, "{\"sepal_length_cm\": 5.1, \"sepal_width_cm\": 3.5, \"petal_length_cm\": 1.4}");
        Assert.AreEqual(HttpStatusCode.BadRequest, status);
        Assert.Contains("no value for input column 'petal_width_cm'", body["error"]!.GetValue<string>());

        (status, body) = Post(server, Flower(5.1, 3.5, 1.4, 0.2).Replace("1.4", "\"long\""));
        Assert.AreEqual(HttpStatusCode.BadRequest, status);
        Assert.Contains("input column 'petal_length_cm' is numeric; received 'long'", body["error"]!.GetValue<string>());

        (status, body) = Post(server, "42");
        Assert.AreEqual(HttpStatusCode.BadRequest, status);
        Assert.Contains("received a number", body["error"]!.GetValue<string>());

        (status, body) = Post(server, "[" + string.Join(",", Enumerable.Repeat(Flower(5.1, 3.5, 1.4, 0.2), 100)) + "]");
        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("larger than the server's limit (4096 bytes)", body["error"]!.GetValue<string>());

        // The server still answers after every bad request.
        Assert.AreEqual(HttpStatusCode.OK, Post(server, Flower(5.1, 3.5, 1.4, 0.2)).Status);
    }

    [TestMethod]
    public void A_registry_model_is_served_from_its_champion_and_follows_a_promotion()
    {
        using var dir = new TempDir();
        var registry = dir.Path("registry");
        var spec = Path.Combine(RepoPaths.Examples, "breast-cancer-logistic.yaml");
        Dlp.Succeed(dir, "train", spec, "--registry", registry, "--set", "evaluate.cross_validation=0");
        // A much weaker second version: kept by the gate (exit 5), promoted by hand below.
        Assert.AreEqual(5, Dlp.Run(dir, "train", spec, "--registry", registry, "--set", "evaluate.cross_validation=0", "--set", "trainer.l2=1000").ExitCode);
        using var server = ServeProcess.Start(dir.FullName, Path.Combine(registry, "breast-cancer"));
        Assert.AreEqual(1, Get(server, "/health")["version"]!.GetValue<int>());

        var lines = File.ReadAllLines(RepoPaths.Dataset("breast_cancer", "breast_cancer.csv"));
        var header = lines[0].Split(',');
        var cells = lines[1].Split(',');
        var row = new JsonObject(header.Select((h, i) => (h, i)).Where(x => x.h is not ("label" or "diagnosis"))
            .Select(x => KeyValuePair.Create(x.h, (JsonNode?)JsonValue.Create(double.Parse(cells[x.i], CultureInfo.InvariantCulture))))).ToJsonString();
        var before = Post(server, row).Body["probability"]!.GetValue<double>();

        Dlp.Succeed(dir, "registry", "promote", registry, "breast-cancer", "2");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Get(server, "/health")["version"]!.GetValue<int>() != 2 && DateTime.UtcNow < deadline) Thread.Sleep(50);
        Assert.AreEqual(2, Get(server, "/health")["version"]!.GetValue<int>(), "the server did not follow the promotion");
        Assert.AreNotEqual(before, Post(server, row).Body["probability"]!.GetValue<double>(), 1e-6);
    }
}
