using Microsoft.ML;

namespace DeepLearning.Trainers.Linear;

/// <summary>ML.NET-style entry points for the linear trainers of this library:
/// <c>mlContext.Regression.Trainers.OrdinaryLeastSquares(...)</c> and
/// <c>mlContext.MulticlassClassification.Trainers.SoftmaxRegression(...)</c>.</summary>
public static class LinearCatalog
{
    /// <summary>Ordinary least squares in closed form, with an L2 weight (ridge) of <paramref name="l2"/>.</summary>
    public static OrdinaryLeastSquaresEstimator OrdinaryLeastSquares(this RegressionCatalog.RegressionTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features", double l2 = 1e-6) =>
        new(labelColumnName, featureColumnName, l2);

    /// <summary>Multinomial logistic regression by L-BFGS (OWL-QN with an L1 weight); the label is a key column.</summary>
    public static SoftmaxRegressionEstimator SoftmaxRegression(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features", SoftmaxRegressionEstimator.Options? options = null) =>
        new(labelColumnName, featureColumnName, options ?? new());
}
