using DeepLearning.Pipelines.Evaluation;
using DeepLearning.Pipelines.Prediction;
using DeepLearning.Pipelines.Running;
using DeepLearning.Pipelines.Spec;
using ScottPlot;

namespace DeepLearning.Host.Rendering.Report;

/// <summary>One figure of a run report.</summary>
/// <param name="Title">Caption.</param>
/// <param name="Png">The image.</param>
public sealed record Figure(string Title, byte[] Png);

/// <summary>The figures a run report shows for its task: the loss curve of a neural model, predicted against actual
/// and residuals for regression, ROC and confusion for classification, and the 2-D scatter for the rest.</summary>
public static class ReportPlots
{
    private const int Width = 640, Height = 480;

    /// <summary>Every figure that applies to <paramref name="result"/>.</summary>
    public static IReadOnlyList<Figure> For(TrainResult result, Projection2D? scatter)
    {
        var figures = new List<Figure>();
        if (result.Model.TrainingHistory is { Epochs: > 0 } history)
        {
            figures.Add(new("Loss per epoch", Curves("loss", history.TrainLoss, history.ValidationLoss)));
            if (history.TrainAccuracy is { Count: > 0 } accuracy)
                figures.Add(new("Accuracy per epoch", Curves("accuracy", accuracy, history.ValidationAccuracy ?? [])));
        }
        var holdout = result.Holdout;
        var predictions = result.Model.Predict(holdout.Inputs);
        switch (result.Manifest.Task)
        {
            case MlTask.Regression:
                var actual = holdout.Values.Select(v => (double)v).ToArray();
                var predicted = predictions.Select(p => (double)p.Value!.Value).ToArray();
                figures.Add(new("Predicted against actual (test rows)", PredictedVersusActual(actual, predicted)));
                figures.Add(new("Residuals (actual − predicted) against predicted", Residuals(actual, predicted)));
                break;
            case MlTask.Binary:
                var positive = result.Manifest.Classes![1];
                figures.Add(new($"ROC curve (positive class: {positive}; AUC {result.Manifest.Metrics.Metrics["auc"]:F4})",
                    Roc(predictions.Select(p => (double)p.Probability!.Value).ToArray(), holdout.Classes.Select(c => c == positive).ToArray())));
                figures.Add(new("Confusion matrix (test rows; darker = larger share of the actual class)", Confusion(result.Manifest.Metrics.ConfusionMatrix!)));
                break;
            case MlTask.Multiclass:
                figures.Add(new("Confusion matrix (test rows; darker = larger share of the actual class)", Confusion(result.Manifest.Metrics.ConfusionMatrix!)));
                break;
        }
        if (scatter is not null) figures.Add(new("Training rows in two dimensions", ScatterPlot.Render(scatter)));
        return figures;
    }

    private static byte[] Curves(string metric, IReadOnlyList<double> train, IReadOnlyList<double> validation)
    {
        using var plot = new Plot();
        var epochs = Enumerable.Range(1, train.Count).Select(e => (double)e).ToArray();
        plot.Add.ScatterLine(epochs, train.ToArray()).LegendText = "training";
        if (validation.Count == train.Count) plot.Add.ScatterLine(epochs, validation.ToArray()).LegendText = "validation";
        plot.XLabel("epoch");
        plot.YLabel(metric);
        plot.ShowLegend(metric == "loss" ? Alignment.UpperRight : Alignment.LowerRight);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    private static byte[] PredictedVersusActual(double[] actual, double[] predicted)
    {
        using var plot = new Plot();
        plot.Add.ScatterPoints(actual, predicted).MarkerSize = 6;
        double low = Math.Min(actual.Min(), predicted.Min()), high = Math.Max(actual.Max(), predicted.Max());
        var diagonal = plot.Add.Line(low, low, high, high);
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.LegendText = "perfect prediction";
        plot.XLabel("actual");
        plot.YLabel("predicted");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    private static byte[] Residuals(double[] actual, double[] predicted)
    {
        using var plot = new Plot();
        plot.Add.ScatterPoints(predicted, actual.Zip(predicted, (a, p) => a - p).ToArray()).MarkerSize = 6;
        plot.Add.HorizontalLine(0).LinePattern = LinePattern.Dashed;
        plot.XLabel("predicted");
        plot.YLabel("residual");
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    private static byte[] Roc(double[] probability, bool[] positive)
    {
        // Walk the rows from the most to the least confident; each step moves up (a positive) or right (a negative).
        var order = Enumerable.Range(0, probability.Length).OrderByDescending(i => probability[i]).ToArray();
        double positives = Math.Max(1, positive.Count(p => p)), negatives = Math.Max(1, positive.Count(p => !p));
        var fpr = new List<double> { 0 };
        var tpr = new List<double> { 0 };
        double tp = 0, fp = 0;
        foreach (var i in order)
        {
            if (positive[i]) tp++; else fp++;
            fpr.Add(fp / negatives);
            tpr.Add(tp / positives);
        }
        using var plot = new Plot();
        plot.Add.ScatterLine(fpr.ToArray(), tpr.ToArray()).LineWidth = 2;
        plot.Add.Line(0, 0, 1, 1).LinePattern = LinePattern.Dashed;
        plot.XLabel("false positive rate");
        plot.YLabel("true positive rate");
        plot.Axes.SetLimits(0, 1, 0, 1.02);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    private static byte[] Confusion(ConfusionMatrix matrix)
    {
        int n = matrix.Classes.Count;
        // Shaded by the share of each actual class, so rare classes read as well as common ones; counts are in the cells.
        var shares = new double[n, n];
        for (int a = 0; a < n; a++)
        {
            double total = Math.Max(1, matrix.Counts[a].Sum());
            for (int p = 0; p < n; p++) shares[n - 1 - a, p] = matrix.Counts[a][p] / total;
        }
        using var plot = new Plot();
        var heatmap = plot.Add.Heatmap(shares);
        heatmap.Colormap = new ScottPlot.Colormaps.Blues();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        for (int a = 0; a < n; a++)
            for (int p = 0; p < n; p++)
            {
                var text = plot.Add.Text(matrix.Counts[a][p].ToString(System.Globalization.CultureInfo.InvariantCulture), p, n - 1 - a);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = n > 6 ? 11 : 16;
                text.LabelFontColor = shares[n - 1 - a, p] > 0.5 ? Colors.White : Colors.Black;
            }
        var ticks = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.SetTicks(ticks, matrix.Classes.ToArray());
        plot.Axes.Left.SetTicks(ticks, matrix.Classes.Reverse().ToArray());
        plot.XLabel("predicted");
        plot.YLabel("actual");
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
