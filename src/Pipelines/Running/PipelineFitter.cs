using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Prediction;
using DeepLearning.Pipelines.Spec;
using DeepLearning.Pipelines.Trainers;
using DeepLearning.Pipelines.Transforms;
using DeepLearning.Trainers;
using DeepLearning.Trainers.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace DeepLearning.Pipelines.Running;

/// <summary>A model fitted on some rows, with the featurisation steps that built it.</summary>
/// <param name="Model">The model.</param>
/// <param name="Steps">Featurisation steps.</param>
public sealed record FittedPipeline(ScoringModel Model, IReadOnlyList<FeatureStep> Steps);

/// <summary>Fits a spec's featurisation and trainer on chosen rows of a labelled table. Used for every fold of
/// cross-validation and for the final model, so all are built the same way.</summary>
public sealed class PipelineFitter(PipelineSpec spec, TrainerDefinition trainer, IReadOnlyList<(string Name, ColumnKind Kind)> features)
{
    /// <summary>Fits on <paramref name="rows"/> of <paramref name="data"/>; a neural trainer reports its epochs to
    /// <paramref name="epochs"/> and saves (and resumes from) checkpoints in <paramref name="checkpoints"/>.</summary>
    public FittedPipeline Fit(LabelledTable data, int[] rows, IProgress<EpochProgress>? epochs = null, ICheckpointStore? checkpoints = null) =>
        // A layered network holds its rows its own way (one tensor, or streamed batches when they are large), and
        // some trainers copy their rows into arrays: ML.NET's cache would be a second full copy.
        Fit(data.Table.View(rows), rows.Length, data.Classes, cache: spec.Trainer.Options is not INeuralTrainingOptions && !trainer.HoldsRows, epochs, checkpoints);

    /// <summary>Fits on every row of <paramref name="view"/> (<paramref name="rows"/> of them; the label prepared as
    /// <see cref="LabelColumn"/> does). <paramref name="cache"/>: featurise once into memory for the trainer's passes;
    /// without it every pass re-reads the view (a streamed file stays on disk).</summary>
    public FittedPipeline Fit(IDataView view, long rows, IReadOnlyList<string> classes, bool cache, IProgress<EpochProgress>? epochs = null, ICheckpointStore? checkpoints = null)
    {
        var ml = new MLContext(spec.Seed);
        string? label = spec.Label;
        var plan = Featurizer.Build(ml, features, spec.Transforms, trainer, spec.Trainer.Options, spec.Task);
        CheckSize(rows, null);
        var featurizer = plan.Fit(view);
        // Trainers pass over the data many times: featurise once (text n-grams are costly), not per pass.
        var featurized = featurizer.Transform(view);
        if (cache) featurized = ml.Data.Cache(featurized);
        CheckSize(rows, (featurized.Schema[Featurizer.FeaturesColumn].Type as VectorDataViewType)?.Size);

        string trainerLabel = label ?? "";
        if (spec.Task == MlTask.Multiclass)
        {
            featurized = ScoringModel.KeyMapper(ml, label!, classes).Fit(featurized).Transform(featurized);
            trainerLabel = ScoringModel.LabelKeyColumn;
        }
        var context = new TrainerContext(ml, trainerLabel, Featurizer.FeaturesColumn, spec.Seed, epochs, checkpoints, spec.Data.Image, rows);
        var estimator = trainer.Factories[spec.Task](context, spec.Trainer.Options);
        if (spec.Task == MlTask.Binary && !trainer.Calibrated)
            estimator = estimator.Append(ml.BinaryClassification.Calibrators.Platt(trainerLabel));
        var fitted = estimator.Fit(featurized);

        var model = fitted is IPortableTransformer head
            ? new ScoringModel(ml, spec.Task, featurizer, head, label, classes)
            : new ScoringModel(ml, spec.Task, featurizer.Append(fitted), null, label, classes);
        return new FittedPipeline(model, plan.Steps);
    }

    /// <summary>k must not exceed the rows, a rank or an autoencoder's code must stay below the number of features,
    /// and a convolutional autoencoder's image must hold exactly the features.</summary>
    private void CheckSize(long rows, int? featureCount)
    {
        if (spec.Trainer.Options is KMeansOptions { K: var k } && k > rows)
            throw new SpecException(new SpecError(null, "trainer.k", $"received {k}, but only {rows} rows are there to cluster; allowed: at most the number of training rows"));
        if (spec.Trainer.Options is PcaOptions { Rank: var rank } && featureCount is { } d && rank >= d + (spec.Task == MlTask.Anomaly ? 0 : 1))
            throw new SpecException(new SpecError(null, "trainer.rank", $"received {rank}, but the data has {d} feature value(s) after featurisation; allowed: {(spec.Task == MlTask.Anomaly ? "less than" : "at most")} {d}"));
        if (spec.Trainer.Options is AutoencoderOptions autoencoder && featureCount is { } n)
        {
            if (autoencoder.CodeSize >= n)
                throw new SpecException(new SpecError(null, "trainer.code_size", $"received {autoencoder.CodeSize}, but the data has {n} feature value(s) after featurisation; allowed: less than {n} (a code as wide as the input can copy it)"));
            if (autoencoder is { Variant: DeepLearning.Trainers.Networks.AutoencoderVariant.Convolutional, Image: { } image } && image.Channels * image.Height * image.Width != n)
                throw new SpecException(new SpecError(null, "trainer.image", $"received {image.Channels}×{image.Height}×{image.Width} = {image.Channels * image.Height * image.Width} values per row, but the data has {n} feature value(s) after featurisation; allowed: a shape whose channels × height × width is {n}"));
        }
    }

    /// <summary>The schema a prediction's input must have: the feature columns only.</summary>
    public static DataViewSchema InputSchema(DataTable table, IEnumerable<string> features)
    {
        var builder = new DataViewSchema.Builder();
        foreach (var name in features) builder.AddColumn(name, table.Find(name)!.Type);
        return builder.ToSchema();
    }
}
