// Load test of `dlp serve` on loopback: N connections send single-row predictions for a bounded time while a
// second version is trained into the registry and promoted mid-run; reports requests, errors, latency percentiles,
// throughput, the version switch and the server's RSS before and after.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

var options = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(x => x.a[2..], x => x.i + 1 < args.Length ? args[x.i + 1] : "");
string dlp = options.GetValueOrDefault("dlp") ?? throw new ArgumentException("--dlp PATH/dlp.dll is required");
string root = options.GetValueOrDefault("repo") ?? Directory.GetCurrentDirectory();
// Bounded on purpose: a load test that runs away must not hold the machine.
int seconds = Math.Clamp(int.Parse(options.GetValueOrDefault("seconds") ?? "30", CultureInfo.InvariantCulture), 5, 60);
int connections = int.Parse(options.GetValueOrDefault("connections") ?? "64", CultureInfo.InvariantCulture);

var work = Directory.CreateTempSubdirectory("dlp-load-").FullName;
var registry = Path.Combine(work, "registry");
var spec = Path.Combine(root, "examples", "breast-cancer-logistic.yaml");
try
{
    Run("train", spec, "--registry", registry, "--set", "evaluate.cross_validation=0");
    var row = Row(Path.Combine(root, "datasets", "breast_cancer", "breast_cancer.csv"));

    var serve = Start("serve", Path.Combine(registry, "breast-cancer"), "--host", "127.0.0.1", "--port", "0");
    try
    {
        var first = serve.StandardOutput.ReadLine() ?? throw new InvalidOperationException("dlp serve printed nothing: " + serve.StandardError.ReadToEnd());
        _ = serve.StandardError.ReadToEndAsync();
        var url = new Uri(first["listening on ".Length..]);
        if (!IPAddress.IsLoopback(IPAddress.Parse(url.Host))) throw new InvalidOperationException($"refusing to load a non-loopback address {url}");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, UseProxy = false }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };
        var body = Encoding.UTF8.GetBytes(row);

        // Warm-up: JIT and the model's first calls are not what a long-running server costs.
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed < TimeSpan.FromSeconds(3)) await Send();
        long rssBefore = Rss(serve.Id);

        long errors = 0;
        var latencies = Enumerable.Range(0, connections).Select(_ => new List<long>(1 << 16)).ToArray();
        var probabilities = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        var clock = Stopwatch.StartNew();
        var end = TimeSpan.FromSeconds(seconds);
        var workers = Enumerable.Range(0, connections).Select(w => Task.Run(async () =>
        {
            while (clock.Elapsed < end)
            {
                long start = Stopwatch.GetTimestamp();
                try
                {
                    var answer = await Send();
                    latencies[w].Add(Stopwatch.GetTimestamp() - start);
                    probabilities.AddOrUpdate(answer, 1, (_, n) => n + 1);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })).ToArray();

        // Mid-run: the nightly job trains version 2 (while the server is loaded) and it is promoted.
        await Task.Delay(TimeSpan.FromSeconds(seconds / 3.0));
        var trainClock = Stopwatch.StartNew();
        int trainExit = Run("train", spec, "--registry", registry, "--set", "evaluate.cross_validation=0", "--set", "trainer.l2=0.01");
        if (trainExit == 5) Run("registry", "promote", registry, "breast-cancer", "2");
        var promotedAt = clock.Elapsed;
        int version = 0;
        while (clock.Elapsed < end && version != 2)
        {
            version = JsonNode.Parse(await http.GetStringAsync("/health"))!["version"]!.GetValue<int>();
            if (version != 2) await Task.Delay(20);
        }
        var switchedAfter = clock.Elapsed - promotedAt;
        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed.TotalSeconds;
        long rssAfter = Rss(serve.Id);

        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Ms(double q) => all.Length == 0 ? double.NaN : all[(int)Math.Min(all.Length - 1, Math.Floor(q * all.Length))] * 1000.0 / Stopwatch.Frequency;
        Console.WriteLine($"connections      {connections} (loopback {url})");
        Console.WriteLine($"duration         {elapsed:F1} s");
        Console.WriteLine($"requests         {all.Length + errors}");
        Console.WriteLine($"errors           {errors}");
        Console.WriteLine($"throughput       {all.Length / elapsed:F0} predictions/s");
        Console.WriteLine($"latency p50      {Ms(0.50):F2} ms");
        Console.WriteLine($"latency p99      {Ms(0.99):F2} ms");
        Console.WriteLine($"hot swap         version 2 trained in {trainClock.Elapsed.TotalSeconds:F1} s ({(trainExit == 0 ? "promoted by the gate" : "kept by the gate, promoted by hand")}); served {switchedAfter.TotalMilliseconds:F0} ms after promotion{(version == 2 ? "" : " — NOT SEEN")}");
        Console.WriteLine($"distinct answers {probabilities.Count} (one per model version)");
        Console.WriteLine($"server RSS       {rssBefore / 1024.0:F0} MiB before, {rssAfter / 1024.0:F0} MiB after");
        return errors == 0 && version == 2 ? 0 : 1;

        async Task<string> Send()
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            using var response = await http.PostAsync("/predict", content);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{(int)response.StatusCode}: {text}");
            return text;
        }
    }
    finally
    {
        if (!serve.HasExited) serve.Kill();
        serve.WaitForExit();
    }
}
finally
{
    Directory.Delete(work, recursive: true);
}

int Run(params string[] arguments)
{
    using var process = Start(arguments);
    _ = process.StandardOutput.ReadToEndAsync();
    var error = process.StandardError.ReadToEndAsync();
    process.WaitForExit();
    if (process.ExitCode is not (0 or 5)) throw new InvalidOperationException($"dlp {string.Join(' ', arguments)} exited {process.ExitCode}: {error.Result}");
    return process.ExitCode;
}

Process Start(params string[] arguments)
{
    var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
    start.ArgumentList.Add(dlp);
    foreach (var a in arguments) start.ArgumentList.Add(a);
    start.Environment["NO_COLOR"] = "1";
    return Process.Start(start)!;
}

static string Row(string csv)
{
    var lines = File.ReadLines(csv).Take(2).ToArray();
    var header = lines[0].Split(',');
    var cells = lines[1].Split(',');
    return new JsonObject(header.Select((h, i) => (h, i)).Where(x => x.h is not ("label" or "diagnosis"))
        .Select(x => KeyValuePair.Create(x.h, (JsonNode?)JsonValue.Create(double.Parse(cells[x.i], CultureInfo.InvariantCulture))))).ToJsonString();
}

static long Rss(int pid) =>
    long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
