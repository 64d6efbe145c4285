using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Tests.Data;

/// <summary>Seeded, stratified train/test splits and k-fold assignment, on iris (50 rows of each of 3 classes, sorted by class).</summary>
[TestClass]
public sealed class SplitterTests
{
    private static readonly LabelledTable Iris = LabelColumn.Prepare(
        TableLoader.Load(Spec.RepositoryFiles.PathOf("datasets", "iris", "iris.csv"), ReadOptions.From(new DataSpec()) with
        {
            Kinds = new Dictionary<string, ColumnKind> { ["species"] = ColumnKind.Categorical },
        }),
        MlTask.Multiclass, "species");

    private static int[] ClassCounts(IEnumerable<int> rows) =>
        rows.GroupBy(r => Iris.ClassOfRow![r]).OrderBy(g => g.Key).Select(g => g.Count()).ToArray();

    [TestMethod]
    public void StratifiedSplitKeepsClassShares()
    {
        var (train, test) = Splitter.TrainTest(Iris.Rows, 0.2, Iris.ClassOfRow, 42);

        CollectionAssert.AreEqual(new[] { 10, 10, 10 }, ClassCounts(test));
        CollectionAssert.AreEqual(new[] { 40, 40, 40 }, ClassCounts(train));
    }

    [TestMethod]
    public void SplitPartitionsTheRows()
    {
        var (train, test) = Splitter.TrainTest(Iris.Rows, 0.3, null, 1);

        Assert.HasCount(45, test);
        Assert.HasCount(105, train);
        Assert.IsEmpty(train.Intersect(test));
        CollectionAssert.AreEqual(Iris.Rows, train.Concat(test).Order().ToArray());
        CollectionAssert.AreEqual(train.Order().ToArray(), train);
    }

    [TestMethod]
    public void SameSeedGivesTheSameSplit()
    {
        var first = Splitter.TrainTest(Iris.Rows, 0.2, Iris.ClassOfRow, 42);
        var second = Splitter.TrainTest(Iris.Rows, 0.2, Iris.ClassOfRow, 42);

        CollectionAssert.AreEqual(first.Test, second.Test);
        CollectionAssert.AreEqual(first.Train, second.Train);
    }

    [TestMethod]
    public void DifferentSeedGivesADifferentSplit()
    {
        var first = Splitter.TrainTest(Iris.Rows, 0.2, Iris.ClassOfRow, 42);
        var second = Splitter.TrainTest(Iris.Rows, 0.2, Iris.ClassOfRow, 43);

        CollectionAssert.AreNotEqual(first.Test, second.Test);
        CollectionAssert.AreEqual(new[] { 10, 10, 10 }, ClassCounts(second.Test));
    }

    [TestMethod]
    public void UnstratifiedSplitOfSortedDataIsNotTheFirstRows()
    {
        var (_, test) = Splitter.TrainTest(Iris.Rows, 0.2, null, 42);

        Assert.HasCount(30, test);
        Assert.IsGreaterThan(1, ClassCounts(test).Length);
    }

    [TestMethod]
    public void SplitOfASubsetUsesOnlyThoseRows()
    {
        var rows = Iris.Rows.Where(r => r % 2 == 0).ToArray();

        var (train, test) = Splitter.TrainTest(rows, 0.2, Iris.ClassOfRow, 5);

        CollectionAssert.AreEqual(rows, train.Concat(test).Order().ToArray());
    }

    [TestMethod]
    public void FoldsPartitionEveryRowExactlyOnce()
    {
        var folds = Splitter.Folds(Iris.Rows, 5, Iris.ClassOfRow, 42);

        Assert.HasCount(5, folds);
        CollectionAssert.AreEqual(Iris.Rows, folds.SelectMany(f => f).Order().ToArray());
        foreach (var fold in folds)
        {
            Assert.HasCount(30, fold);
            CollectionAssert.AreEqual(new[] { 10, 10, 10 }, ClassCounts(fold));
        }
    }

    [TestMethod]
    public void UnevenFoldsDifferByAtMostOneRow()
    {
        var folds = Splitter.Folds(Iris.Rows, 7, null, 3);

        CollectionAssert.AreEqual(Iris.Rows, folds.SelectMany(f => f).Order().ToArray());
        Assert.IsLessThanOrEqualTo(1, folds.Max(f => f.Length) - folds.Min(f => f.Length));
    }

    [TestMethod]
    public void FoldsDependOnTheSeed()
    {
        var first = Splitter.Folds(Iris.Rows, 5, Iris.ClassOfRow, 1);
        var same = Splitter.Folds(Iris.Rows, 5, Iris.ClassOfRow, 1);
        var other = Splitter.Folds(Iris.Rows, 5, Iris.ClassOfRow, 2);

        CollectionAssert.AreEqual(first[0], same[0]);
        CollectionAssert.AreNotEqual(first[0], other[0]);
    }

    [TestMethod]
    public void TooFewRowsToHoldOutATestSet()
    {
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => Splitter.TrainTest([0, 1], 0.2, null, 1));

        Assert.AreEqual("2 row(s) are too few to hold out a test fraction of 0.2", e.Message);
    }

    [TestMethod]
    public void TooFewRowsForTheFolds()
    {
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => Splitter.Folds([0, 1, 2], 5, null, 1));

        Assert.AreEqual("3 row(s) are too few for 5-fold cross-validation", e.Message);
    }
}
