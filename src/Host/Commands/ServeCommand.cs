using System.CommandLine;
using System.Net;
using DeepLearning.Host.Serving;
using DeepLearning.Pipelines.Bundle;
using DeepLearning.Pipelines.Prediction;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DeepLearning.Host.Commands;

/// <summary>`dlp serve BUNDLE|REGISTRY/NAME`: predictions over HTTP, with hot reload of a registry champion.</summary>
public static class ServeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "Model bundle (.zip), or a registry model's folder REGISTRY/NAME (serves its champion and follows promotions)." };
        var host = new Option<string>("--host") { Description = "IP address to listen on; loopback unless you mean to expose the model.", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port", "-p") { Description = "TCP port; 0 picks a free one. The first line on standard output is the URL.", DefaultValueFactory = _ => 5000 };
        var maxBytes = new Option<long>("--max-request-bytes") { Description = "Largest request body accepted (413 above it).", DefaultValueFactory = _ => 1024 * 1024 };
        var verbose = CommonOptions.Verbose();
        var command = new Command("serve", "Serve a model over HTTP: POST /predict, GET /health, GET /model.") { model, host, port, maxBytes, verbose };
        command.SetAction(parse => CommandRunner.Run(false, parse.GetValue(verbose), () =>
        {
            if (!IPAddress.TryParse(parse.GetValue(host), out var address))
                throw new ArgumentException($"--host must be an IP address such as 127.0.0.1 or ::1; received '{parse.GetValue(host)}'");
            if (parse.GetValue(port) is < 0 or > 65535) throw new ArgumentException($"--port must be 0–65535; received {parse.GetValue(port)}");
            if (parse.GetValue(maxBytes) < 1) throw new ArgumentException($"--max-request-bytes must be positive; received {parse.GetValue(maxBytes)}");
            using var service = Open(parse.GetValue(model)!);
            service.Reloaded += (_, e) => Console.Error.WriteLine(e.Error is null
                ? $"serving version {e.Version} of {service.Model.Manifest.Name}"
                : $"error: version {e.Version} could not be loaded, still serving version {service.Version}: {e.Error.Message}");
            Run(service, new IPEndPoint(address, parse.GetValue(port)), parse.GetValue(maxBytes)).GetAwaiter().GetResult();
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>A bundle file, or a registry model folder (one holding champion.json).</summary>
    private static PredictionService Open(string path)
    {
        if (File.Exists(path)) return PredictionService.ForBundle(path);
        var full = Path.GetFullPath(path.TrimEnd('/', Path.DirectorySeparatorChar));
        if (Directory.Exists(full) && Directory.Exists(Path.Combine(full, "versions")))
            return PredictionService.ForChampion(Path.GetDirectoryName(full)!, Path.GetFileName(full));
        throw new ModelException(path, "no model bundle and no registry model folder (REGISTRY/NAME, holding versions/ and champion.json) here");
    }

    private static async Task Run(PredictionService service, IPEndPoint endpoint, long maxRequestBytes)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        // Standard output carries the URL line for scripts; framework logs would interleave with it.
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = maxRequestBytes;
            kestrel.Listen(endpoint);
        });
        await using var app = builder.Build();
        PredictionEndpoints.Map(app, service);
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.Out.WriteLine($"listening on {url}");
        Console.Out.Flush();
        Console.Error.WriteLine($"serving {service.Model.Manifest.Name}{(service.Version is { } v ? $" version {v}" : "")}; Ctrl+C stops");
        // The console lifetime turns SIGINT and SIGTERM into a graceful shutdown: requests in flight finish.
        await app.WaitForShutdownAsync();
        Console.Error.WriteLine("stopped");
    }
}
