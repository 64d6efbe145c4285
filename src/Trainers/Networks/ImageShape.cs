namespace DeepLearning.Trainers.Networks;

/// <summary>How a row's feature values lay out as an image: <see cref="Channels"/> planes of
/// <see cref="Height"/> × <see cref="Width"/> pixels, row-major (channel, then row, then column).</summary>
/// <param name="Channels">Planes (1 for grey levels, 3 for RGB).</param>
/// <param name="Height">Pixel rows.</param>
/// <param name="Width">Pixel columns.</param>
public sealed record ImageShape(int Channels, int Height, int Width)
{
    /// <summary>Values per image: channels × height × width.</summary>
    public int Size => Channels * Height * Width;

    /// <summary>"C×H×W", for messages.</summary>
    public override string ToString() => $"{Channels}×{Height}×{Width}";
}
