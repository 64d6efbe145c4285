using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace DeepLearning.Pipelines.Bundle;

/// <summary>The one JSON style of everything the program writes: snake_case keys and enum values, indented.</summary>
public static class BundleJson
{
    /// <summary>Serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        // The manifest's contract is generated at build time (no reflection or IL emitted at run time): reading it
        // cost `dlp inspect` about 100 ms of a cold start. These options still decide names, enums and numbers;
        // other types fall back to reflection.
        TypeInfoResolver = JsonTypeInfoResolver.Combine(BundleJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };
}

/// <summary>Build-time JSON contracts of the bundle's manifest (used through <see cref="BundleJson.Options"/>).</summary>
[JsonSerializable(typeof(ModelManifest))]
internal sealed partial class BundleJsonContext : JsonSerializerContext;
