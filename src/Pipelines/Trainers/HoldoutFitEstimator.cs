using Microsoft.ML;

namespace DeepLearning.Pipelines.Trainers;

/// <summary>Fits a trainer that watches a validation set while it trains (LightGBM's early stopping): holds out a
/// seeded share of the rows it is given and passes both parts to the trainer's two-set <c>Fit</c>. ML.NET's
/// estimator chain only ever calls the one-set <c>Fit</c>, so this stands in the chain for the trainer.</summary>
/// <param name="ml">The context whose split is used.</param>
/// <param name="trainer">The trainer (its output schema is this estimator's).</param>
/// <param name="fit">The trainer's fit on (training rows, validation rows).</param>
/// <param name="fraction">Share of the rows held out for validation.</param>
/// <param name="seed">Seed of the split: the same rows are held out on every run.</param>
public sealed class HoldoutFitEstimator(MLContext ml, IEstimator<ITransformer> trainer, Func<IDataView, IDataView, ITransformer> fit, double fraction, int seed) : IEstimator<ITransformer>
{
    /// <inheritdoc />
    public ITransformer Fit(IDataView input)
    {
        var split = ml.Data.TrainTestSplit(input, fraction, seed: seed);
        return fit(split.TrainSet, split.TestSet);
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => trainer.GetOutputSchema(inputSchema);
}
