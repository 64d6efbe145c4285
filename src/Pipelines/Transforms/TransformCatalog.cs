using DeepLearning.Pipelines.Spec;
using Microsoft.ML;
using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Text;

namespace DeepLearning.Pipelines.Transforms;

/// <summary>A transform a spec can name: its options record and how it extends a <see cref="FeaturePlan"/>.</summary>
/// <param name="Name">Spec name.</param>
/// <param name="Description">One line for `dlp schema`.</param>
/// <param name="OptionsType">Options record.</param>
/// <param name="Apply">Adds the transform to the plan; the string is the key path for errors.</param>
public sealed record TransformDefinition(string Name, string Description, Type OptionsType, Action<FeaturePlan, object, string> Apply);

/// <summary>Every transform a spec can name.</summary>
public sealed class TransformCatalog : IOptionsCatalog
{
    private readonly Dictionary<string, TransformDefinition> definitions;

    /// <summary>The built-in transforms.</summary>
    public static TransformCatalog Default { get; } = new(BuiltIn());

    private TransformCatalog(IEnumerable<TransformDefinition> definitions) => this.definitions = definitions.ToDictionary(d => d.Name);

    /// <inheritdoc />
    public IReadOnlyList<string> Names => definitions.Keys.ToList();

    /// <inheritdoc />
    public Type? OptionsType(string name) => definitions.GetValueOrDefault(name)?.OptionsType;

    /// <inheritdoc />
    public string Describe(string name) => definitions.GetValueOrDefault(name)?.Description ?? "";

    /// <summary>The definition of <paramref name="name"/> (which must exist).</summary>
    public TransformDefinition Get(string name) => definitions[name];

    /// <summary>Normalises <paramref name="columns"/> in place.</summary>
    public static void Normalize(FeaturePlan plan, NormalizeMethod method, IReadOnlyList<string> columns, bool automatic, bool centered = false)
    {
        if (columns.Count == 0) return;
        var pairs = columns.Select(c => new InputOutputColumnPair(c, c)).ToArray();
        IEstimator<ITransformer> estimator = method switch
        {
            NormalizeMethod.MinMax => plan.Ml.Transforms.NormalizeMinMax(pairs),
            NormalizeMethod.MeanVariance => plan.Ml.Transforms.NormalizeMeanVariance(pairs, fixZero: !centered),
            _ => plan.Ml.Transforms.NormalizeLogMeanVariance(pairs, useCdf: false),
        };
        plan.Append(estimator, new FeatureStep("normalize", columns, SnakeCase.Of(method) + (centered ? " (centred)" : ""), automatic));
    }

    /// <summary>Fills missing values of <paramref name="columns"/> in place.</summary>
    public static void ReplaceMissing(FeaturePlan plan, ReplaceWith with, IReadOnlyList<string> columns, bool automatic)
    {
        if (columns.Count == 0) return;
        var mode = with switch
        {
            ReplaceWith.Mean => MissingValueReplacingEstimator.ReplacementMode.Mean,
            ReplaceWith.Minimum => MissingValueReplacingEstimator.ReplacementMode.Minimum,
            ReplaceWith.Maximum => MissingValueReplacingEstimator.ReplacementMode.Maximum,
            _ => MissingValueReplacingEstimator.ReplacementMode.DefaultValue,
        };
        plan.Append(plan.Ml.Transforms.ReplaceMissingValues(columns.Select(c => new InputOutputColumnPair(c, c)).ToArray(), mode),
            new FeatureStep("replace_missing", columns, SnakeCase.Of(with), automatic));
    }

    /// <summary>One-hot encodes <paramref name="columns"/> in place.</summary>
    public static void OneHot(FeaturePlan plan, IReadOnlyList<string> columns, bool automatic)
    {
        if (columns.Count == 0) return;
        plan.Append(plan.Ml.Transforms.Categorical.OneHotEncoding(columns.Select(c => new InputOutputColumnPair(c, c)).ToArray()),
            new FeatureStep("one_hot", columns, "one indicator per category seen in training", automatic), FeatureShape.Vector);
    }

    /// <summary>Turns each of <paramref name="columns"/> into word and character n-gram counts (TF, L2-normalised).</summary>
    public static void FeaturizeText(FeaturePlan plan, FeaturizeTextOptions options, IReadOnlyList<string> columns, bool automatic)
    {
        foreach (var column in columns)
        {
            var settings = new TextFeaturizingEstimator.Options
            {
                WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = options.WordNgrams, UseAllLengths = true },
                CharFeatureExtractor = options.CharNgrams == 0 ? null : new WordBagEstimator.Options { NgramLength = options.CharNgrams, UseAllLengths = false },
            };
            plan.Append(plan.Ml.Transforms.Text.FeaturizeText(column, settings, column),
                new FeatureStep("featurize_text", [column], $"word 1–{options.WordNgrams}-grams, char {options.CharNgrams}-grams", automatic), FeatureShape.Vector);
        }
    }

    private static IEnumerable<TransformDefinition> BuiltIn()
    {
        yield return new("normalize", "Scale numeric features (min_max, mean_variance, log_mean_variance), fitted on the training data.", typeof(NormalizeOptions), (plan, o, path) =>
        {
            var s = (NormalizeOptions)o;
            // Omitted columns mean the plain numeric ones; a vector (one-hot, text) is scaled only when named.
            var columns = s.Columns is null ? plan.Of(FeatureShape.Number) : plan.Resolve(s.Columns, path, "normalize", FeatureShape.Number, FeatureShape.Vector);
            Normalize(plan, s.Method, columns, false);
        });
        yield return new("one_hot", "Encode categorical features as one indicator per category.", typeof(OneHotOptions), (plan, o, path) =>
            OneHot(plan, plan.Resolve(((OneHotOptions)o).Columns, path, "one_hot", FeatureShape.Categorical), false));
        yield return new("replace_missing", "Fill missing numeric values with the training mean, minimum, maximum or zero.", typeof(ReplaceMissingOptions), (plan, o, path) =>
        {
            var s = (ReplaceMissingOptions)o;
            ReplaceMissing(plan, s.With, plan.Resolve(s.Columns, path, "replace_missing", FeatureShape.Number, FeatureShape.Vector), false);
        });
        yield return new("featurize_text", "Turn text into normalised word and character n-gram counts.", typeof(FeaturizeTextOptions), (plan, o, path) =>
        {
            var s = (FeaturizeTextOptions)o;
            FeaturizeText(plan, s, plan.Resolve(s.Columns, path, "featurize_text", FeatureShape.Text), false);
        });
        yield return new("concatenate", "Join numeric or vector features into one vector feature.", typeof(ConcatenateOptions), (plan, o, path) =>
        {
            var s = (ConcatenateOptions)o;
            var columns = plan.Resolve(s.Columns, path, "concatenate", FeatureShape.Number, FeatureShape.Vector);
            if (plan.Columns.Any(c => c.Name == s.Output && !columns.Contains(c.Name)))
                throw new SpecException(new SpecError(null, $"{path}.output", $"'{s.Output}' is already a feature; choose another name"));
            plan.Append(plan.Ml.Transforms.Concatenate(s.Output, columns.ToArray()), new FeatureStep("concatenate", columns, $"into {s.Output}", false));
            plan.Replace(columns, s.Output, FeatureShape.Vector);
        });
        yield return new("select", "Keep only the named features.", typeof(SelectOptions), (plan, o, path) =>
        {
            var keep = plan.Resolve(((SelectOptions)o).Columns, path, "select", Enum.GetValues<FeatureShape>());
            plan.Retain(keep.Contains, new FeatureStep("select", keep, "keep only these", false));
        });
        yield return new("drop", "Drop the named features.", typeof(DropOptions), (plan, o, path) =>
        {
            var drop = plan.Resolve(((DropOptions)o).Columns, path, "drop", Enum.GetValues<FeatureShape>());
            plan.Retain(c => !drop.Contains(c), new FeatureStep("drop", drop, "drop these", false));
        });
    }
}
