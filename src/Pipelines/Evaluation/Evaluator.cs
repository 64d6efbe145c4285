using DeepLearning.Pipelines.Spec;
using Microsoft.ML;

namespace DeepLearning.Pipelines.Evaluation;

/// <summary>Computes a task's metrics from a scored view with ML.NET's evaluators.</summary>
public static class Evaluator
{
    /// <summary>Evaluates <paramref name="scored"/>. <paramref name="label"/> is a Single (regression), Boolean
    /// (binary) or key (multiclass) column; <paramref name="classes"/> names the classes in key order.</summary>
    public static EvaluationReport Evaluate(MLContext ml, MlTask task, IDataView scored, string label, IReadOnlyList<string> classes)
    {
        long rows = scored.GetRowCount() ?? 0;
        switch (task)
        {
            case MlTask.Regression:
            {
                var m = ml.Regression.Evaluate(scored, label);
                return new(new Dictionary<string, double>
                {
                    ["r_squared"] = m.RSquared, ["rmse"] = m.RootMeanSquaredError, ["mae"] = m.MeanAbsoluteError, ["mse"] = m.MeanSquaredError,
                }, rows);
            }
            case MlTask.Binary:
            {
                var m = ml.BinaryClassification.Evaluate(scored, label);
                var c = m.ConfusionMatrix;
                // ML.NET orders the matrix positive first; ours follows the class list (negative, positive).
                var counts = new long[][]
                {
                    [(long)c.GetCountForClassPair(1, 1), (long)c.GetCountForClassPair(0, 1)],
                    [(long)c.GetCountForClassPair(1, 0), (long)c.GetCountForClassPair(0, 0)],
                };
                return new(new Dictionary<string, double>
                {
                    ["accuracy"] = m.Accuracy, ["auc"] = m.AreaUnderRocCurve, ["f1"] = m.F1Score,
                    ["precision"] = m.PositivePrecision, ["recall"] = m.PositiveRecall, ["log_loss"] = m.LogLoss,
                }, rows, new ConfusionMatrix(classes, counts));
            }
            case MlTask.Multiclass:
            {
                var m = ml.MulticlassClassification.Evaluate(scored, label);
                var c = m.ConfusionMatrix;
                var counts = Enumerable.Range(0, classes.Count)
                    .Select(a => (IReadOnlyList<long>)Enumerable.Range(0, classes.Count).Select(p => (long)c.GetCountForClassPair(p, a)).ToList())
                    .ToList();
                var perClass = Enumerable.Range(0, classes.Count).ToDictionary(i => classes[i], i => new ClassMetrics(c.PerClassPrecision[i], c.PerClassRecall[i]));
                return new(new Dictionary<string, double>
                {
                    ["micro_accuracy"] = m.MicroAccuracy, ["macro_accuracy"] = m.MacroAccuracy, ["log_loss"] = m.LogLoss,
                }, rows, new ConfusionMatrix(classes, counts), perClass);
            }
            default:
                throw new NotSupportedException($"evaluation of task '{SnakeCase.Of(task)}' is not available in this version");
        }
    }
}
