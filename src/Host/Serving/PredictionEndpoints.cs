using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using DeepLearning.Pipelines.Bundle;
using DeepLearning.Pipelines.Prediction;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DeepLearning.Host.Serving;

/// <summary>The HTTP face of a <see cref="PredictionService"/>: <c>POST /predict</c>, <c>GET /health</c>, <c>GET /model</c>.</summary>
public static class PredictionEndpoints
{
    /// <summary>Predictions in snake_case with only the fields the task sets; compact, since clients parse them.</summary>
    private static readonly JsonSerializerOptions ResponseJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Maps the endpoints onto <paramref name="app"/>.</summary>
    public static void Map(WebApplication app, PredictionService service)
    {
        app.MapPost("/predict", context => Predict(context, service));
        app.MapGet("/health", context => Write(context, 200, new JsonObject
        {
            ["status"] = "ok", ["model"] = service.Model.Manifest.Name, ["version"] = service.Version,
        }));
        app.MapGet("/model", async context =>
        {
            context.Response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(context.Response.Body, service.Model.Manifest, BundleJson.Options, context.RequestAborted);
        });
    }

    private static async Task Predict(HttpContext context, PredictionService service)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
        }
        catch (JsonException e)
        {
            await Error(context, 400, $"the body is not valid JSON: {e.Message}");
            return;
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's body-size limit (413) and malformed HTTP framing surface here while reading.
            await Error(context, e.StatusCode, e.StatusCode == 413 ? $"the body is larger than the server's limit ({context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize} bytes)" : e.Message);
            return;
        }
        using (document)
        {
            object response;
            try
            {
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("rows", out var rows))
                    response = new { predictions = service.Predict(Rows(rows)) };
                else if (root.ValueKind == JsonValueKind.Array)
                    response = service.Predict(Rows(root));
                else if (root.ValueKind == JsonValueKind.Object)
                    response = service.Predict(Row(root, null));
                else
                    throw new BadRequestException($"expected a JSON object (one row), an array of rows or {{\"rows\": [...]}}; received {Describe(root.ValueKind)}");
            }
            catch (BadRequestException e)
            {
                await Error(context, e.StatusCode, e.Message);
                return;
            }
            catch (ArgumentException e)
            {
                // PipelineModel's message for a missing column or a value of the wrong kind names the row and column.
                await Error(context, 400, e.Message);
                return;
            }
            await Write(context, 200, response);
        }
    }

    // Typed as IEnumerable on purpose: a List would bind to the generic Predict<TInput> overload (one typed row).
    private static IEnumerable<IReadOnlyDictionary<string, object?>> Rows(JsonElement array)
    {
        if (array.ValueKind != JsonValueKind.Array) throw new BadRequestException($"\"rows\" must be an array of row objects; received {Describe(array.ValueKind)}");
        if (array.GetArrayLength() == 0) throw new BadRequestException("no rows to predict");
        var rows = new List<IReadOnlyDictionary<string, object?>>(array.GetArrayLength());
        int index = 0;
        foreach (var row in array.EnumerateArray()) rows.Add(Row(row, ++index));
        return rows;
    }

    private static Dictionary<string, object?> Row(JsonElement row, int? index)
    {
        string where = index is { } i ? $"row {i}" : "the row";
        if (row.ValueKind != JsonValueKind.Object) throw new BadRequestException($"{where} must be a JSON object of column → value; received {Describe(row.ValueKind)}");
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var cell in row.EnumerateObject())
        {
            values[cell.Name] = cell.Value.ValueKind switch
            {
                JsonValueKind.Number => cell.Value.GetDouble(),
                JsonValueKind.String => cell.Value.GetString(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Null => null,
                var kind => throw new BadRequestException($"{where}, column '{cell.Name}': a value must be a number, a string, true/false or null; received {Describe(kind)}"),
            };
        }
        return values;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Null => "null",
        _ => "a boolean",
    };

    private static Task Error(HttpContext context, int status, string message) => Write(context, status, new JsonObject { ["error"] = message });

    private static async Task Write(HttpContext context, int status, object value)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, value.GetType(), ResponseJson, context.RequestAborted);
    }
}
