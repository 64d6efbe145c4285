using DeepLearning.Pipelines.Spec;
using DeepLearning.Pipelines.Trainers;
using Microsoft.ML;

namespace DeepLearning.Pipelines.Transforms;

/// <summary>Turns the spec's transforms plus the trainer's needs into one ML.NET featurisation chain ending in a
/// single float vector column, <see cref="FeaturesColumn"/>.</summary>
public static class Featurizer
{
    /// <summary>The vector column every trainer reads.</summary>
    public const string FeaturesColumn = "Features";

    /// <summary>Builds the chain. Spec transforms come first, in order; then what is still needed is added and
    /// marked automatic: text and categories are encoded, gaps filled for trainers that cannot take NaN, all
    /// features scaled for trainers that need it when the spec did not scale them, and all features joined.</summary>
    /// <param name="ml">The ML context.</param>
    /// <param name="features">Feature columns and kinds.</param>
    /// <param name="transforms">The spec's transforms.</param>
    /// <param name="trainer">The trainer, whose needs are filled in.</param>
    /// <param name="trainerOptions">The trainer's options (they may change its needs).</param>
    /// <param name="task">The task: distance-based unsupervised tasks take categories and text only when the spec encodes them.</param>
    public static FeaturePlan Build(MLContext ml, IEnumerable<(string Name, ColumnKind Kind)> features, IReadOnlyList<TransformSpec> transforms, TrainerDefinition trainer, object trainerOptions, MlTask task)
    {
        var plan = new FeaturePlan(ml, features.Select(f => (f.Name, f.Kind switch
        {
            ColumnKind.Categorical => FeatureShape.Categorical,
            ColumnKind.Text => FeatureShape.Text,
            // Images arrive as one vector, already scaled as data.image says: no per-pixel normalisation.
            ColumnKind.Image => FeatureShape.Vector,
            _ => FeatureShape.Number,
        })));
        for (int i = 0; i < transforms.Count; i++)
        {
            var t = transforms[i];
            TransformCatalog.Default.Get(t.Name).Apply(plan, t.Options, $"transforms[{i}].{t.Name}");
        }
        if (plan.Columns.Count == 0)
            throw new SpecException(new SpecError(null, "transforms", "no features are left for the trainer after select/drop"));

        if (!task.IsSupervised() && plan.Of(FeatureShape.Categorical, FeatureShape.Text) is { Count: > 0 } raw)
            throw new SpecException(raw.Select(c => new SpecError(null, "features",
                $"'{c}' is {(plan.Columns.First(x => x.Name == c).Shape == FeatureShape.Text ? "text" : "categorical")}; {SnakeCase.Of(task)} measures distances between numbers: drop the column, or encode it with a `one_hot` or `featurize_text` transform")).ToList());
        TransformCatalog.OneHot(plan, plan.Of(FeatureShape.Categorical), automatic: true);
        TransformCatalog.FeaturizeText(plan, new FeaturizeTextOptions(), plan.Of(FeatureShape.Text), automatic: true);
        if (!trainer.HandlesMissing)
        {
            var filled = plan.Steps.Where(s => s.Transform == "replace_missing").SelectMany(s => s.Columns).ToHashSet();
            TransformCatalog.ReplaceMissing(plan, ReplaceWith.Mean, plan.Of(FeatureShape.Number).Where(c => !filled.Contains(c)).ToList(), automatic: true);
        }
        // Scale the plain numeric columns only: one-hot vectors are already 0/1 and text features are already
        // L2-normalised, and scaling a sparse vector of 10⁵ n-gram slots would make it dense (minutes, gigabytes).
        var scaling = trainer.ScalingFor(trainerOptions);
        if (scaling != FeatureScaling.None && plan.Steps.All(s => s.Transform != "normalize"))
            TransformCatalog.Normalize(plan, NormalizeMethod.MeanVariance, plan.Of(FeatureShape.Number), automatic: true,
                centered: scaling == FeatureScaling.Centered);
        var all = plan.Columns.Select(c => c.Name).ToArray();
        plan.Append(ml.Transforms.Concatenate(FeaturesColumn, all), new FeatureStep("concatenate", all, $"into {FeaturesColumn}", true));
        return plan;
    }
}
