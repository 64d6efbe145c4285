using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeepLearning.Trainers.Reinforcement.Policies;

/// <summary>The JSON style of saved policies: snake_case keys and enum values.</summary>
internal static class PolicyJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
