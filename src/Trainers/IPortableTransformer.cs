using DeepLearning.Trainers.DataViews;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace DeepLearning.Trainers;

/// <summary>A transformer of this library that saves itself to a stream, since ML.NET's
/// <c>MLContext.Model.Save</c> cannot save third-party transformers (its ModelSaveContext is internal). Its models
/// map whole views (<see cref="PredictionDataView"/>), so the ML.NET plumbing every one of them shares is here: the
/// output schema is that of a transformed empty view; there is no row-to-row mapper and no ML.NET save.</summary>
public interface IPortableTransformer : ITransformer
{
    /// <summary>Names the model type in a saved file; <see cref="PortableTransformers.Load"/> dispatches on it.</summary>
    string Kind { get; }

    /// <summary>Writes the model (architecture and weights) as one or more <paramref name="entries"/>.</summary>
    void SaveTo(IModelEntries entries);

    bool ITransformer.IsRowToRowMapper => false;

    DataViewSchema ITransformer.GetOutputSchema(DataViewSchema inputSchema) => Transform(new SchemaOnlyDataView(inputSchema)).Schema;

    IRowToRowMapper ITransformer.GetRowToRowMapper(DataViewSchema inputSchema) =>
        throw new NotSupportedException("use Transform; this model maps whole views");

    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        throw new NotSupportedException("ML.NET cannot save third-party transformers; call SaveTo(entries)");
}
