using System.Text.Json.Nodes;

namespace DeepLearning.Pipelines.Spec;

/// <summary>The <c>data.image</c> section: the data are images of this shape. IDX files give one image per record;
/// in a CSV the feature columns (file order, or the order of <c>features</c>) are the pixels, channel by channel, each
/// channel row-major. They become one vector column (<see cref="Column"/>) of channels × height × width values,
/// scaled as <c>(pixel / scale − mean) / std</c>, so the network sees one vector instead of hundreds of columns.</summary>
public sealed record ImageSpec
{
    /// <summary>Channels.</summary>
    [Option("Colour channels (1: grayscale, 3: RGB).", Min = 1)]
    public int Channels { get; init; } = 1;

    /// <summary>Height.</summary>
    [Option("Image height in pixels.", Required = true, Min = 1)]
    public int Height { get; init; }

    /// <summary>Width.</summary>
    [Option("Image width in pixels.", Required = true, Min = 1)]
    public int Width { get; init; }

    /// <summary>Scale.</summary>
    [Option("Each pixel is divided by this first (255 for 8-bit images: values in [0, 1]; 1 keeps them as they are).", Min = 0, ExclusiveMin = true)]
    public double Scale { get; init; } = 255;

    /// <summary>Mean.</summary>
    [Option("Subtracted after scaling (e.g. the training set's mean pixel, 0.286 for Fashion-MNIST); 0: none.")]
    public double Mean { get; init; }

    /// <summary>Std.</summary>
    [Option("Divides after subtracting the mean (e.g. the training set's pixel standard deviation, 0.353 for Fashion-MNIST); 1: none.", Min = 0, ExclusiveMin = true)]
    public double Std { get; init; } = 1;

    /// <summary>Column name.</summary>
    [Option("Name of the image column the pixels form: the model's one input (a vector of channels × height × width).")]
    public string Column { get; init; } = "image";

    /// <summary>Values per image: channels × height × width.</summary>
    public int Size => checked(Channels * Height * Width);

    /// <summary>"1×28×28".</summary>
    public string Shape => $"{Channels}×{Height}×{Width}";

    /// <summary>The scaled value of a raw pixel.</summary>
    public float Transform(float raw) => (float)((raw / Scale - Mean) / Std);

    /// <summary>The image section of a resolved spec as stored in a manifest (<c>provenance.spec.data.image</c>), or null.</summary>
    public static ImageSpec? FromJson(JsonNode? node) => node is not JsonObject o ? null : new ImageSpec
    {
        Channels = o["channels"]?.GetValue<int>() ?? 1,
        Height = o["height"]?.GetValue<int>() ?? 0,
        Width = o["width"]?.GetValue<int>() ?? 0,
        Scale = o["scale"]?.GetValue<double>() ?? 255,
        Mean = o["mean"]?.GetValue<double>() ?? 0,
        Std = o["std"]?.GetValue<double>() ?? 1,
        Column = o["column"]?.GetValue<string>() ?? "image",
    };
}
