using DeepLearning.Pipelines.Spec;
using DeepLearning.Trainers.DataViews;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace DeepLearning.Pipelines.Transforms;

/// <summary>The shape of a feature column as transforms see it.</summary>
public enum FeatureShape
{
    /// <summary>One number.</summary>
    Number,
    /// <summary>A vector of numbers (one-hot, text features, concatenations).</summary>
    Vector,
    /// <summary>A category still as text.</summary>
    Categorical,
    /// <summary>Free text still as text.</summary>
    Text,
}

/// <summary>One step of featurisation, as recorded in the manifest.</summary>
/// <param name="Transform">Transform name.</param>
/// <param name="Columns">Columns it applies to.</param>
/// <param name="Detail">Its settings, in words.</param>
/// <param name="Automatic">Added because the trainer or the data needed it, not written in the spec.</param>
public sealed record FeatureStep(string Transform, IReadOnlyList<string> Columns, string Detail, bool Automatic);

/// <summary>Builds the ML.NET featurisation chain step by step while tracking each feature column's shape,
/// so each transform can check that it applies and the trainer's needs can be filled in afterwards.</summary>
public sealed class FeaturePlan(MLContext ml, IEnumerable<(string Name, FeatureShape Shape)> features)
{
    private readonly List<(string Name, FeatureShape Shape)> columns = features.ToList();
    private readonly List<FeatureStep> steps = [];
    private readonly List<IEstimator<ITransformer>> estimators = [];

    /// <summary>The ML context.</summary>
    public MLContext Ml => ml;

    /// <summary>Current feature columns and shapes.</summary>
    public IReadOnlyList<(string Name, FeatureShape Shape)> Columns => columns;

    /// <summary>The steps so far.</summary>
    public IReadOnlyList<FeatureStep> Steps => steps;

    /// <summary>Fits the estimators in order, each on the rows the ones before it produce, into one chain (as
    /// ML.NET's <c>EstimatorChain.Fit</c> does), with every fitting pass read on this thread: through ML.NET's own
    /// chain each pass over in-memory rows was split across threads and merged back, which took longer than the
    /// statistics (digits: about 5 ms against 3 per fit).</summary>
    public TransformerChain<ITransformer> Fit(IDataView data)
    {
        if (estimators.Count == 0) throw new InvalidOperationException("the plan has no steps to fit");
        var fitted = new List<ITransformer>();
        IDataView rows = data;
        foreach (var estimator in estimators)
        {
            var transformer = estimator.Fit(new SequentialView(rows));
            fitted.Add(transformer);
            rows = transformer.Transform(rows);
        }
        return new TransformerChain<ITransformer>([.. fitted]);
    }

    /// <summary>Names of the features of the given shapes.</summary>
    public IReadOnlyList<string> Of(params FeatureShape[] shapes) =>
        columns.Where(c => shapes.Contains(c.Shape)).Select(c => c.Name).ToList();

    /// <summary>Checks that every name in <paramref name="names"/> is a feature of one of <paramref name="shapes"/>.</summary>
    public IReadOnlyList<string> Resolve(IReadOnlyList<string>? names, string path, string transform, params FeatureShape[] shapes)
    {
        if (names is null) return Of(shapes);
        var errors = new List<SpecError>();
        for (int i = 0; i < names.Count; i++)
        {
            var found = columns.FirstOrDefault(c => c.Name == names[i]);
            if (found.Name is null)
                errors.Add(new SpecError(null, $"{path}.columns[{i}]", $"'{names[i]}' is not a feature at this point{SpecBinder.Suggest(names[i], columns.Select(c => c.Name))}; features here: {string.Join(", ", columns.Select(c => c.Name))}"));
            else if (!shapes.Contains(found.Shape))
                errors.Add(new SpecError(null, $"{path}.columns[{i}]", $"'{names[i]}' is {Describe(found.Shape)}; {transform} applies to {string.Join(" or ", shapes.Select(Describe))} columns"));
        }
        if (errors.Count > 0) throw new SpecException(errors);
        return names;
    }

    /// <summary>Appends an estimator and records the step; <paramref name="reshape"/> gives the columns' new shape.</summary>
    public void Append(IEstimator<ITransformer> estimator, FeatureStep step, FeatureShape? reshape = null)
    {
        estimators.Add(estimator);
        steps.Add(step);
        if (reshape is { } shape)
            for (int i = 0; i < columns.Count; i++)
                if (step.Columns.Contains(columns[i].Name)) columns[i] = (columns[i].Name, shape);
    }

    /// <summary>Replaces <paramref name="inputs"/> among the features by <paramref name="output"/>.</summary>
    public void Replace(IReadOnlyList<string> inputs, string output, FeatureShape shape)
    {
        int at = columns.FindIndex(c => inputs.Contains(c.Name));
        columns.RemoveAll(c => inputs.Contains(c.Name));
        columns.Insert(Math.Max(0, Math.Min(at, columns.Count)), (output, shape));
    }

    /// <summary>Keeps only the features for which <paramref name="keep"/> holds.</summary>
    public void Retain(Func<string, bool> keep, FeatureStep step)
    {
        columns.RemoveAll(c => !keep(c.Name));
        steps.Add(step);
    }

    private static string Describe(FeatureShape shape) => shape switch
    {
        FeatureShape.Number => "numeric",
        FeatureShape.Vector => "a numeric vector",
        FeatureShape.Categorical => "categorical",
        _ => "text",
    };
}
