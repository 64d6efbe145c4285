using System.Text.Json;
using System.Text.Json.Nodes;
using DeepLearning.Pipelines.Bundle;
using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Registry;
using DeepLearning.Pipelines.Spec;
using DeepLearning.Trainers.Devices;
using DeepLearning.Trainers.Training;

namespace DeepLearning.Host.Commands;

/// <summary>Runs a command body and turns each kind of user mistake into one clear message and its exit code.
/// Stack traces only with --verbose; with --json the error is also a JSON object on standard output.</summary>
public static class CommandRunner
{
    /// <summary>Runs <paramref name="body"/>.</summary>
    public static int Run(bool json, bool verbose, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (SpecException e)
        {
            return Fail(json, verbose, e, ExitCodes.BadSpec, "spec", "fix the spec (see `dlp schema` for every key)",
                new JsonArray(e.Errors.Select(x => (JsonNode)new JsonObject
                {
                    ["location"] = x.Location?.ToString(), ["path"] = x.Path, ["message"] = x.Message,
                }).ToArray()));
        }
        catch (DataException e)
        {
            return Fail(json, verbose, e, ExitCodes.BadData, "data", "the message names the file, line and column to fix");
        }
        catch (ModelException e)
        {
            return Fail(json, verbose, e, ExitCodes.BadModel, "model", "give a bundle written by `dlp train`");
        }
        catch (RegistryException e)
        {
            return Fail(json, verbose, e, ExitCodes.RegistryError, "registry", "see `dlp registry list DIR`");
        }
        catch (TrainingDivergedException e)
        {
            // The spec was valid and the data fine: the optimisation blew up. Its message names epoch and learning rate.
            return Fail(json, verbose, e, ExitCodes.Failure, "training", "lower the learning rate (or check that the features are scaled)");
        }
        catch (DeviceUnavailableException e)
        {
            // The spec is valid; this machine cannot run it as asked: a runtime failure (1), like a missing GPU driver.
            return Fail(json, verbose, e, ExitCodes.Failure, "device", "use device: cpu or auto, or run on a machine with CUDA (see `dlp doctor`)");
        }
        catch (DllNotFoundException e)
        {
            return Fail(json, verbose, e, ExitCodes.Failure, "libtorch", "check DLP_LIBTORCH_DIR, or run `dlp doctor`");
        }
        catch (ArgumentException e)
        {
            return Fail(json, verbose, e, ExitCodes.BadSpec, "usage", "see --help");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(json, verbose, e, ExitCodes.Failure, "io", "check the path and its permissions");
        }
        catch (Exception e)
        {
            // Not a user mistake we know: say so plainly, keep the trace for --verbose.
            return Fail(json, verbose, e, ExitCodes.Failure, "internal", "run again with --verbose and report the trace");
        }
    }

    private static int Fail(bool json, bool verbose, Exception e, int code, string kind, string hint, JsonArray? details = null)
    {
        var lines = e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 1) Console.Error.WriteLine($"error: {lines[0]}");
        else
        {
            Console.Error.WriteLine($"error: {lines.Length} problems:");
            foreach (var line in lines) Console.Error.WriteLine($"  {line.TrimEnd('\r')}");
        }
        Console.Error.WriteLine($"hint: {hint}");
        if (verbose) Console.Error.WriteLine(e.ToString());
        if (json)
        {
            var error = new JsonObject { ["kind"] = kind, ["message"] = e.Message, ["exit_code"] = code };
            if (details is not null) error["errors"] = details;
            Console.Out.WriteLine(new JsonObject { ["error"] = error }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        return code;
    }
}
