namespace DeepLearning.Host.Serving;

/// <summary>A request the server cannot use (not JSON, wrong shape, a value of the wrong type); answered with
/// <see cref="StatusCode"/> and <c>{"error": message}</c>.</summary>
public sealed class BadRequestException(string message, int statusCode = 400) : Exception(message)
{
    /// <summary>The HTTP status to answer with.</summary>
    public int StatusCode { get; } = statusCode;
}
