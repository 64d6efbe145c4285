using Microsoft.ML;

namespace DeepLearning.Trainers;

/// <summary>A transformer of this library that saves itself to a stream, since ML.NET's
/// <c>MLContext.Model.Save</c> cannot save third-party transformers (its ModelSaveContext is internal).</summary>
public interface IPortableTransformer : ITransformer
{
    /// <summary>Names the model type in a saved file; <see cref="PortableTransformers.Load"/> dispatches on it.</summary>
    string Kind { get; }

    /// <summary>Writes the model (architecture and weights) as one or more <paramref name="entries"/>.</summary>
    void SaveTo(IModelEntries entries);
}
