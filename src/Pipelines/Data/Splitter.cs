namespace DeepLearning.Pipelines.Data;

/// <summary>Seeded train/test splits and k-fold assignment; stratified when a class per row is given, so each
/// class keeps its share (files sorted by label, like iris, would otherwise split badly).</summary>
public static class Splitter
{
    /// <summary>Holds out about <paramref name="testFraction"/> of <paramref name="rows"/> (at least one row each side).</summary>
    public static (int[] Train, int[] Test) TrainTest(int[] rows, double testFraction, int[]? strata, int seed)
    {
        var random = new Random(seed);
        var train = new List<int>();
        var test = new List<int>();
        foreach (var group in Groups(rows, strata))
        {
            var shuffled = Shuffle(group, random);
            int n = (int)Math.Round(shuffled.Length * testFraction, MidpointRounding.AwayFromZero);
            test.AddRange(shuffled[..n]);
            train.AddRange(shuffled[n..]);
        }
        if (test.Count == 0 || train.Count == 0)
            throw new InvalidOperationException($"{rows.Length} row(s) are too few to hold out a test fraction of {testFraction}");
        train.Sort();
        test.Sort();
        return (train.ToArray(), test.ToArray());
    }

    /// <summary>Assigns <paramref name="rows"/> to <paramref name="folds"/> folds of near-equal size.</summary>
    public static int[][] Folds(int[] rows, int folds, int[]? strata, int seed)
    {
        if (rows.Length < folds) throw new InvalidOperationException($"{rows.Length} row(s) are too few for {folds}-fold cross-validation");
        var random = new Random(seed);
        var assigned = Enumerable.Range(0, folds).Select(_ => new List<int>()).ToArray();
        int next = 0;
        foreach (var group in Groups(rows, strata))
            foreach (var row in Shuffle(group, random))
                assigned[next++ % folds].Add(row);
        return assigned.Select(f => f.Order().ToArray()).ToArray();
    }

    private static IEnumerable<int[]> Groups(int[] rows, int[]? strata) =>
        strata is null ? [rows] : rows.GroupBy(r => strata[r]).OrderBy(g => g.Key).Select(g => g.ToArray());

    private static int[] Shuffle(int[] rows, Random random)
    {
        var copy = (int[])rows.Clone();
        random.Shuffle(copy);
        return copy;
    }
}
