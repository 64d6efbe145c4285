using System.Text.Json;
using System.Text.Json.Serialization;
using DeepLearning.Pipelines.Bundle;

namespace DeepLearning.Pipelines.Prediction;

/// <summary>The arithmetic of a linear regression model, compiled from its ML.NET chain when the model is saved and
/// kept in the bundle as <c>compiled/linear.json</c>: how its input files are read (as the training data was), per
/// input column the chain's steps (missing-value fill, affine scaling) and its weight, then the bias and how the sum
/// is taken. <c>dlp predict</c> scores a plain CSV file with it without reading the manifest or loading ML.NET; it was
/// checked bit for bit against ML.NET's own scores, on probe rows and on training rows, before it was written.</summary>
public sealed record LinearForm
{
    /// <summary>The ML.NET version whose arithmetic this reproduces; another version's scores may differ in the last
    /// bit, so a bundle read by a program on another ML.NET version is scored by ML.NET.</summary>
    public required string Mlnet { get; init; }

    /// <summary>The data section's separator option ("auto" picks by the file's extension).</summary>
    public required string Separator { get; init; }

    /// <summary>Whether input files start with a header row.</summary>
    public required bool Header { get; init; }

    /// <summary>The cells read as missing values.</summary>
    public required IReadOnlyList<string> Missing { get; init; }

    /// <summary>The features in the order of the weight vector: every input column of the model, all numeric.</summary>
    public required IReadOnlyList<LinearFeature> Features { get; init; }

    /// <summary>The intercept.</summary>
    public required float Bias { get; init; }

    /// <summary>How ŷ = b + w·x is summed: <see cref="LinearSum.Double"/> for this library's OLS head,
    /// <see cref="LinearSum.MlNetDense"/> for ML.NET's linear trainers (its SIMD dot product decides the last bit).</summary>
    public required LinearSum Sum { get; init; }

    /// <summary>JSON, as stored in the bundle (floats round-trip exactly).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, BundleJson.Options);

    /// <summary>Reads <see cref="ToJson"/>'s output; throws <see cref="JsonException"/> (or <see cref="InvalidOperationException"/>,
    /// <see cref="KeyNotFoundException"/>, <see cref="FormatException"/>) when it is not that. Read by hand over a
    /// <see cref="JsonDocument"/>: the serializer's metadata for these types costs a cold <c>dlp predict</c> about two
    /// hundred methods to compile, longer than scoring a thousand rows.</summary>
    public static LinearForm FromJson(Stream json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new LinearForm
        {
            Mlnet = root.GetProperty("mlnet").GetString()!,
            Separator = root.GetProperty("separator").GetString()!,
            Header = root.GetProperty("header").GetBoolean(),
            Missing = root.GetProperty("missing").EnumerateArray().Select(t => t.GetString()!).ToList(),
            Features = root.GetProperty("features").EnumerateArray().Select(f => new LinearFeature(
                f.GetProperty("name").GetString()!,
                f.GetProperty("steps").EnumerateArray().Select(Step).ToList(),
                Float(f.GetProperty("weight")))).ToList(),
            Bias = Float(root.GetProperty("bias")),
            Sum = root.GetProperty("sum").GetString() switch
            {
                "double" => LinearSum.Double,
                "ml_net_dense" => LinearSum.MlNetDense,
                var other => throw new JsonException($"unknown sum '{other}'"),
            },
        };

        static LinearStep Step(JsonElement step) => step.TryGetProperty("fill", out var fill)
            ? new LinearStep(Fill: Float(fill))
            : new LinearStep(Offset: Float(step.GetProperty("offset")), Scale: Float(step.GetProperty("scale")));

        // Numbers as the serializer writes them, including its named literals for non-finite values.
        static float Float(JsonElement value) => value.ValueKind == JsonValueKind.String
            ? float.Parse(value.GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            : value.GetSingle();
    }
}

/// <summary>One input column of a <see cref="LinearForm"/>: its steps in chain order, then its weight.</summary>
public sealed record LinearFeature(string Name, IReadOnlyList<LinearStep> Steps, float Weight);

/// <summary>A missing-value replacement (<see cref="Fill"/>: NaN becomes this value) or an affine scaling in float,
/// <c>(x − Offset) · Scale</c>, as ML.NET's normaliser computes it.</summary>
public sealed record LinearStep(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] float? Fill = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] float? Offset = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] float? Scale = null);

/// <summary>How a <see cref="LinearForm"/>'s dot product is summed.</summary>
public enum LinearSum
{
    /// <summary>In double, term by term, then rounded to float (LinearRegressionTransformer.Predict).</summary>
    Double,

    /// <summary>With ML.NET's CpuMath dense dot product, in float.</summary>
    MlNetDense,
}
