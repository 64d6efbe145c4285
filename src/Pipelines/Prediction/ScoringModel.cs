using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Evaluation;
using DeepLearning.Pipelines.Spec;
using DeepLearning.Pipelines.Transforms;
using DeepLearning.Trainers;
using Microsoft.ML;

namespace DeepLearning.Pipelines.Prediction;

/// <summary>A fitted model: the ML.NET chain (featurisation, and the ML.NET trainer's model where there is one)
/// followed by an optional custom head. Both training and loading produce this, so a loaded bundle scores and
/// evaluates through exactly the code that produced its metrics.</summary>
/// <param name="Ml">The context the model lives in.</param>
/// <param name="Task">The task.</param>
/// <param name="Chain">The ML.NET transformer chain.</param>
/// <param name="Head">A custom model stage after the chain.</param>
/// <param name="Label">Label column name (may be absent from the data when only predicting).</param>
/// <param name="Classes">Classes in model order.</param>
public sealed record ScoringModel(MLContext Ml, MlTask Task, ITransformer Chain, IPortableTransformer? Head, string? Label, IReadOnlyList<string> Classes)
{
    /// <summary>Anomaly: the score above which a row is an anomaly.</summary>
    public double Threshold { get; init; }

    /// <summary>The multiclass label as a key column (ML.NET's evaluator compares keys).</summary>
    public const string LabelKeyColumn = "LabelKey";

    /// <summary>Adds the prediction columns (Score, and PredictedLabel / Probability for classification).</summary>
    public IDataView Score(IDataView input)
    {
        var scored = Chain.Transform(input);
        return Head?.Transform(scored) ?? scored;
    }

    /// <summary>Evaluates on the labelled rows of <paramref name="labelled"/>.</summary>
    public EvaluationReport Evaluate(LabelledTable labelled, int[]? rows = null)
    {
        rows ??= labelled.Rows;
        var view = labelled.Table.View(rows);
        var classOfRow = labelled.ClassOfRow is { } c ? rows.Select(r => c[r]).ToArray() : null;
        switch (Task)
        {
            case MlTask.Clustering: return UnsupervisedEvaluator.Clustering(Ml, Score(view), Featurizer.FeaturesColumn, classOfRow);
            case MlTask.DimensionalityReduction: return UnsupervisedEvaluator.Reduction(Score(view), Featurizer.FeaturesColumn);
            case MlTask.Anomaly: return UnsupervisedEvaluator.Anomaly(Score(view), classOfRow, Threshold);
        }
        return Evaluate(view);
    }

    /// <summary>Supervised tasks: evaluates on every row of <paramref name="labelled"/>, whose label is prepared as
    /// <see cref="LabelColumn"/> does (a Single, a Boolean, or the class name). One pass; nothing is kept in memory
    /// beyond what ML.NET's evaluator aggregates.</summary>
    public EvaluationReport Evaluate(IDataView labelled)
    {
        if (!Task.IsSupervised()) throw new InvalidOperationException($"{SnakeCase.Of(Task)} is evaluated from a labelled table, not a view");
        string label = Label!;
        var view = labelled;
        if (Task == MlTask.Multiclass)
        {
            view = KeyMapper(Ml, Label!, Classes).Fit(view).Transform(view);
            label = LabelKeyColumn;
        }
        return Evaluator.Evaluate(Ml, Task, Score(view), label, Classes);
    }

    /// <summary>Maps class names to keys in <paramref name="classes"/> order (not fitted order), so key i is class i.</summary>
    public static IEstimator<ITransformer> KeyMapper(MLContext ml, string label, IReadOnlyList<string> classes)
    {
        var keys = ml.Data.LoadFromEnumerable(classes.Select(c => new ClassName { Value = c }));
        return ml.Transforms.Conversion.MapValueToKey(LabelKeyColumn, label, keyData: keys);
    }

    private sealed class ClassName
    {
        public string Value { get; set; } = "";
    }
}
