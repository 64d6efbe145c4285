using DeepLearning.Pipelines.Prediction;
using DeepLearning.Pipelines.Running;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Tests.Prediction;

/// <summary>The data behind <c>dlp train --plot</c>: every training row placed in 2-D, grouped by cluster, class or label band.</summary>
[TestClass]
public sealed class Projection2DTests
{
    private static Projection2D Project(string example, params string[] overrides)
    {
        var loaded = SpecLoader.Load(Repo.Example(example), overrides);
        var trainer = new PipelineTrainer();
        var result = trainer.Train(loaded, outputPath: null);
        return result.Model.Project2D(trainer.Prepare(loaded).Train);
    }

    private static int[] Sizes(Projection2D p) => Enumerable.Range(0, p.Groups.Count).Select(g => p.Points.Count(x => x.Group == g)).ToArray();

    [TestMethod]
    public void Clustering_groups_are_the_model_clusters_and_pc1_separates_setosa()
    {
        var p = Project("iris-kmeans.yaml");

        Assert.HasCount(150, p.Points);
        CollectionAssert.AreEqual(new[] { "cluster 1", "cluster 2", "cluster 3" }, p.Groups.ToArray());
        Assert.IsTrue(p.Points.All(x => double.IsFinite(x.X) && double.IsFinite(x.Y)));
        // k-means always isolates the 50 setosa rows, and on the first principal component they lie apart from the rest.
        var sizes = Sizes(p);
        int setosa = Array.IndexOf(sizes, 50);
        Assert.IsGreaterThanOrEqualTo(0, setosa, $"no 50-row cluster: {string.Join(", ", sizes)}");
        var inside = p.Points.Where(x => x.Group == setosa).Select(x => x.X).ToList();
        var outside = p.Points.Where(x => x.Group != setosa).Select(x => x.X).ToList();
        Assert.IsTrue(inside.Min() > outside.Max() || inside.Max() < outside.Min(), "PC1 does not separate the setosa cluster");
        StringAssert.StartsWith(p.XLabel, "PC1 (");
        StringAssert.StartsWith(p.YLabel, "PC2 (");
        StringAssert.Contains(p.Title, "iris-clusters");
        StringAssert.Contains(p.Title, "clustering");
    }

    [TestMethod]
    public void Pca_share_of_variance_is_most_on_the_first_axis()
    {
        var p = Project("iris-kmeans.yaml");

        // Iris: the first component carries about 92% of the variance, the second about 5%.
        double Share(string label) => double.Parse(label[(label.IndexOf('(') + 1)..label.IndexOf('%')], System.Globalization.CultureInfo.InvariantCulture);
        Assert.IsGreaterThan(85.0, Share(p.XLabel));
        Assert.IsLessThan(10.0, Share(p.YLabel));
    }

    [TestMethod]
    public void Classification_groups_are_the_label_classes()
    {
        var p = Project("iris-maximum-entropy.yaml");

        CollectionAssert.AreEqual(new[] { "setosa", "versicolor", "virginica" }, p.Groups.ToArray());
        CollectionAssert.AreEqual(new[] { 50, 50, 50 }, Sizes(p));
        Assert.AreEqual("species", p.GroupedBy);
    }

    [TestMethod]
    public void Regression_groups_are_quartile_bands_of_the_label()
    {
        var p = Project("diabetes-ols.yaml");

        Assert.HasCount(442, p.Points);
        Assert.HasCount(4, p.Groups);
        foreach (var size in Sizes(p)) Assert.IsTrue(size is >= 100 and <= 122, $"band sizes {string.Join(", ", Sizes(p))}");
        Assert.AreEqual("target", p.GroupedBy);
    }

    [TestMethod]
    public void Dimensionality_reduction_plots_the_model_own_projection()
    {
        var loaded = SpecLoader.Load(Repo.Example("iris-pca.yaml"));
        var trainer = new PipelineTrainer();
        var model = trainer.Train(loaded, outputPath: null).Model;
        var data = trainer.Prepare(loaded).Train;

        var p = model.Project2D(data);
        var predicted = model.Predict(data.Table);

        Assert.HasCount(150, p.Points);
        for (int i = 0; i < 150; i++)
        {
            Assert.AreEqual(predicted[i].Vector![0], p.Points[i].X, 1e-5, $"row {i}");
            Assert.AreEqual(predicted[i].Vector![1], p.Points[i].Y, 1e-5, $"row {i}");
        }
        CollectionAssert.AreEqual(new[] { "setosa", "versicolor", "virginica" }, p.Groups.ToArray());
    }

    [TestMethod]
    public void One_feature_is_plotted_as_itself()
    {
        var p = Project("iris-kmeans.yaml", "features=[petal_length_cm]");

        Assert.HasCount(150, p.Points);
        Assert.AreEqual("Features", p.XLabel);
        Assert.IsTrue(p.Points.All(x => x.Y == 0));
        Assert.AreEqual(6.9, p.Points.Max(x => x.X), 1e-5, "petal length's largest value is 6.9 cm");
    }
}
