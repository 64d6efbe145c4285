using System.Globalization;

namespace DeepLearning.Trainers.Devices;

/// <summary>A device as asked for: <c>auto</c>, <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
/// <param name="Kind">Auto, CPU or CUDA.</param>
/// <param name="Index">The CUDA device index (0 unless <c>cuda:N</c>).</param>
public sealed record DeviceRequest(DeviceKind Kind, int Index = 0)
{
    /// <summary><c>auto</c>.</summary>
    public static DeviceRequest Auto { get; } = new(DeviceKind.Auto);

    /// <summary><c>cpu</c>.</summary>
    public static DeviceRequest Cpu { get; } = new(DeviceKind.Cpu);

    /// <summary>Parses <c>auto | cpu | cuda | cuda:N</c>; throws <see cref="ArgumentException"/> otherwise.</summary>
    public static DeviceRequest Parse(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        if (t == "auto") return Auto;
        if (t == "cpu") return Cpu;
        if (t == "cuda") return new(DeviceKind.Cuda);
        if (t.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(t[5..], NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            return new(DeviceKind.Cuda, index);
        throw new ArgumentException($"device '{text}' is not one of auto, cpu, cuda, cuda:N");
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        DeviceKind.Auto => "auto",
        DeviceKind.Cpu => "cpu",
        _ => Index == 0 ? "cuda" : $"cuda:{Index}",
    };
}
