using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DeepLearning.Host.Tests.Support;

/// <summary>Debian's chromium, headless, driven over the DevTools protocol on loopback: opens a page and evaluates
/// JavaScript in it, so a test sees what a person's browser renders (images decoded, tables laid out).</summary>
public sealed class HeadlessBrowser : IDisposable
{
    private readonly Process process;
    private readonly string profile = Directory.CreateTempSubdirectory("dlp-chromium-").FullName;
    private readonly ClientWebSocket socket = new();
    private readonly string url;
    private int nextId;

    private HeadlessBrowser(string url)
    {
        this.url = url;
        var start = new ProcessStartInfo(Executable!)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--remote-debugging-address=127.0.0.1",
                     "--remote-debugging-port=0", $"--user-data-dir={profile}", url })
            start.ArgumentList.Add(arg);
        process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
    }

    /// <summary>The chromium binary, or null when it is not installed.</summary>
    public static string? Executable { get; } = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    /// <summary>Starts chromium on <paramref name="url"/> and connects to that page.</summary>
    public static async Task<HeadlessBrowser> OpenAsync(string url)
    {
        var browser = new HeadlessBrowser(url);
        // Chromium writes the port it chose to DevToolsActivePort in the profile folder.
        var portFile = Path.Combine(browser.profile, "DevToolsActivePort");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!File.Exists(portFile) || File.ReadAllText(portFile).Length == 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("chromium did not open its DevTools port");
            await Task.Delay(100);
        }
        var port = File.ReadAllLines(portFile)[0].Trim();
        using var http = new HttpClient();
        string? page = null;
        while (page is null)
        {
            var targets = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/json/list"))!.AsArray();
            page = targets.FirstOrDefault(t => t!["type"]!.GetValue<string>() == "page")?["webSocketDebuggerUrl"]?.GetValue<string>();
            if (page is null) await Task.Delay(100);
        }
        await browser.socket.ConnectAsync(new Uri(page), CancellationToken.None);
        return browser;
    }

    /// <summary>Waits for the page to finish loading, then evaluates <paramref name="expression"/> and returns its JSON value.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        // The first page is about:blank for a moment; wait for ours, fully loaded.
        var ready = $"location.href === {JsonSerializer.Serialize(url)} && document.readyState === 'complete'";
        while ((await RawEvaluateAsync(ready))?.GetValue<bool>() != true)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the page did not finish loading");
            await Task.Delay(100);
        }
        return await RawEvaluateAsync(expression);
    }

    private async Task<JsonNode?> RawEvaluateAsync(string expression)
    {
        int id = ++nextId;
        var request = new JsonObject
        {
            ["id"] = id,
            ["method"] = "Runtime.evaluate",
            ["params"] = new JsonObject { ["expression"] = expression, ["returnByValue"] = true },
        };
        await socket.SendAsync(Encoding.UTF8.GetBytes(request.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[1 << 20];
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(buffer, CancellationToken.None);
                message.Write(buffer, 0, received.Count);
            } while (!received.EndOfMessage);
            var reply = JsonNode.Parse(message.ToArray())!;
            if (reply["id"]?.GetValue<int>() == id) return reply["result"]?["result"]?["value"];
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        socket.Dispose();
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
        try { Directory.Delete(profile, recursive: true); } catch (IOException) { /* chromium may still be releasing files */ }
    }
}
