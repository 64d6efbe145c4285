namespace DeepLearning.Pipelines.Evaluation;

/// <summary>Metrics that compare two labellings, or scores with labels.</summary>
public static class AgreementMetrics
{
    /// <summary>Adjusted Rand index of (cluster, class) pairs: 1 for identical partitions, about 0 for chance.</summary>
    public static double AdjustedRandIndex(IReadOnlyList<(int Cluster, int Class)> pairs)
    {
        static double Choose2(double n) => n * (n - 1) / 2;
        double index = pairs.GroupBy(p => p).Sum(g => Choose2(g.Count()));
        double a = pairs.GroupBy(p => p.Cluster).Sum(g => Choose2(g.Count()));
        double b = pairs.GroupBy(p => p.Class).Sum(g => Choose2(g.Count()));
        double expected = a * b / Choose2(pairs.Count);
        double max = (a + b) / 2;
        return max == expected ? 1 : (index - expected) / (max - expected);
    }

    /// <summary>Mutual information of clusters and classes over the arithmetic mean of their entropies (as scikit-learn).</summary>
    public static double NormalizedMutualInformation(IReadOnlyList<(int Cluster, int Class)> pairs)
    {
        double n = pairs.Count;
        var clusters = pairs.GroupBy(p => p.Cluster).ToDictionary(g => g.Key, g => g.Count() / n);
        var classes = pairs.GroupBy(p => p.Class).ToDictionary(g => g.Key, g => g.Count() / n);
        double mi = pairs.GroupBy(p => p).Sum(g =>
        {
            double joint = g.Count() / n;
            return joint * Math.Log(joint / (clusters[g.Key.Cluster] * classes[g.Key.Class]));
        });
        double h1 = -clusters.Values.Sum(p => p * Math.Log(p)), h2 = -classes.Values.Sum(p => p * Math.Log(p));
        return h1 + h2 == 0 ? 1 : mi / ((h1 + h2) / 2);
    }

    /// <summary>Area under the ROC curve of (score, is positive) pairs, ties counted half (Mann–Whitney U).</summary>
    public static double Auc(IReadOnlyList<(float Score, int Positive)> pairs)
    {
        var ranked = pairs.OrderBy(p => p.Score).ToArray();
        double rankSum = 0;
        for (int i = 0; i < ranked.Length;)
        {
            int j = i;
            while (j < ranked.Length && ranked[j].Score == ranked[i].Score) j++;
            double averageRank = (i + j + 1) / 2.0; // ranks i+1 … j
            for (int k = i; k < j; k++) if (ranked[k].Positive == 1) rankSum += averageRank;
            i = j;
        }
        double positives = ranked.Count(p => p.Positive == 1), negatives = ranked.Length - positives;
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }
}
