using System.Text.Json;
using DeepLearning.Pipelines.Bundle;

namespace DeepLearning.Host.Rendering;

/// <summary>Writes machine output: one JSON object on standard output, in the bundle's snake_case style.</summary>
public static class JsonOut
{
    /// <summary>Writes <paramref name="value"/>.</summary>
    public static void Write(object value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, BundleJson.Options));
}
