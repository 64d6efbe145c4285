using DeepLearning.Trainers.Decomposition;
using DeepLearning.Trainers.Estimators;
using DeepLearning.Trainers.Linear;

namespace DeepLearning.Trainers;

/// <summary>Loads the transformers of this library from the streams they saved.</summary>
public static class PortableTransformers
{
    /// <summary>The kinds this version can load.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [LinearRegressionTransformer.Kind, SoftmaxRegressionTransformer.Kind, PcaAnomalyTransformer.Kind, NeuralTransformer.Kind, AutoencoderTransformer.Kind];

    /// <summary>Loads a transformer of <paramref name="kind"/> from the entries it saved.</summary>
    public static IPortableTransformer Load(string kind, IModelEntries entries) => kind switch
    {
        LinearRegressionTransformer.Kind => LinearRegressionTransformer.LoadFrom(entries),
        SoftmaxRegressionTransformer.Kind => SoftmaxRegressionTransformer.LoadFrom(entries),
        PcaAnomalyTransformer.Kind => PcaAnomalyTransformer.LoadFrom(entries),
        NeuralTransformer.Kind => NeuralTransformer.LoadFrom(entries),
        AutoencoderTransformer.Kind => AutoencoderTransformer.LoadFrom(entries),
        _ => throw new InvalidDataException($"unknown model kind '{kind}'; this version reads: {string.Join(", ", Kinds)}"),
    };
}
