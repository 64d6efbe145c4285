using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Prediction;
using DeepLearning.Pipelines.Running;
using DeepLearning.Pipelines.Spec;
using DeepLearning.Pipelines.Trainers;

namespace DeepLearning.Pipelines.Tests.Trainers;

/// <summary>One contract for every trainer and task (as scikit-learn's estimator checks): fit, evaluate, save,
/// load, identical predictions after load, and a clear error on bad input.</summary>
[TestClass]
public sealed class TrainerContractTests
{
    /// <summary>Every (trainer, task) pair in the catalog.</summary>
    public static IEnumerable<object[]> Cases() =>
        TrainerCatalog.Default.All.SelectMany(d => d.Tasks.Select(t => new object[] { d.Name, SnakeCase.Of(t) }));

    [TestMethod]
    public void EveryTrainerIsCovered() =>
        Assert.AreEqual(10 + 10 + 6 + 3 + 2, Cases().Count(), "regression 10 + binary 10 + multiclass 6 + kmeans, pca, randomized_pca + autoencoder (reduction, anomaly)");

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void FitsEvaluatesSavesAndLoadsWithIdenticalPredictions(string trainer, string task)
    {
        using var dir = new TempDir();
        // Each set's second copy of the class (a name, or a number) is ignored: it would leak the answer.
        // Unsupervised tasks read the label for evaluation only.
        var (data, label, leak, floor) = task switch
        {
            "regression" => ("diabetes/diabetes.csv", "target", "{}", ("r_squared", 0.2)),
            "binary" => ("breast_cancer/breast_cancer.csv", "label", "{ diagnosis: ignore }", ("auc", 0.9)),
            "multiclass" => ("iris/iris.csv", "species", "{ label: ignore }", ("micro_accuracy", 0.6)),
            "clustering" => ("iris/iris.csv", "species", "{ label: ignore }", ("adjusted_rand_index", 0.5)),
            "dimensionality_reduction" => ("iris/iris.csv", "species", "{ label: ignore }", ("explained_variance_ratio", 0.9)),
            _ => ("wsn_anomaly/wsn_single_hop.csv", "label", "{ reading: ignore }", ("auc", 0.8)),
        };
        // Quick settings where a default is slow (GAM's 9,500 rounds), so the contract stays a unit test.
        var options = trainer switch
        {
            "gam" => "\n  iterations: 300\n  learning_rate: 0.05",
            // wsn_anomaly fits 13k rows: 4 epochs of 256 are enough there (auc 0.98 on its example's split); iris takes
            // the defaults.
            "autoencoder" when task == "anomaly" => "\n  epochs: 4\n  batch_size: 256",
            _ => "",
        };
        var spec = SpecLoader.Parse($$"""
            name: contract-{{trainer}}
            task: {{task}}
            data:
              train: {{Repo.Dataset(data)}}
              columns: {{leak}}
            label: {{label}}
            trainer:
              name: {{trainer}}{{options}}
            seed: 7
            """, dir.File("spec.yaml"));
        var output = dir.File("model.zip");

        var trained = new PipelineTrainer().Train(spec, output);

        var (metric, minimum) = floor;
        Assert.IsGreaterThanOrEqualTo(minimum, trained.Manifest.Metrics.Metrics[metric], $"{trainer} {task}: {metric}");
        Assert.IsTrue(File.Exists(output));

        var loaded = PipelineModel.Load(output);
        var table = TableLoader.Load(Repo.Dataset(data), loaded.ReadOptionsFor(withLabel: false));
        var before = trained.Model.Predict(table);
        var after = loaded.Predict(table);
        Assert.HasCount(table.RowCount, after);
        CollectionAssert.AreEqual(before.ToList(), after.ToList(), new PredictionComparer(), "predictions changed after save and load");

        // One row at a time (the reused single-row scorer) gives what the batch gave, row after row.
        var singles = Enumerable.Range(0, Math.Min(25, table.RowCount)).Select(r => loaded.Predict(
            (IReadOnlyDictionary<string, object?>)table.Columns.ToDictionary(c => c.Name, c => c.Numbers is { } n ? (object?)n[r] : c.Texts![r]))).ToList();
        CollectionAssert.AreEqual(after.Take(singles.Count).ToList(), singles, new PredictionComparer(), "single-row predictions differ from the batch");

        // Bad input: a row without one of the model's input columns is refused by name.
        var first = loaded.Manifest.InputSchema[0].Name;
        var row = loaded.Manifest.InputSchema.Skip(1).ToDictionary(c => c.Name, c => (object?)1.0);
        var error = Assert.ThrowsExactly<ArgumentException>(() => loaded.Predict(row));
        StringAssert.Contains(error.Message, $"'{first}'");
        // And a value that is not a number for a numeric column.
        row[first] = "abc";
        var bad = Assert.ThrowsExactly<ArgumentException>(() => loaded.Predict(row));
        StringAssert.Contains(bad.Message, "'abc'");
    }

    private sealed class PredictionComparer : System.Collections.IComparer
    {
        public int Compare(object? x, object? y)
        {
            var a = (PredictionResult)x!;
            var b = (PredictionResult)y!;
            bool same = a.Label == b.Label && a.Value.Equals(b.Value) && a.Probability.Equals(b.Probability) && a.Score.Equals(b.Score)
                && (a.Probabilities is null ? b.Probabilities is null : a.Probabilities.SequenceEqual(b.Probabilities!))
                && a.Cluster == b.Cluster && a.IsAnomaly == b.IsAnomaly
                && (a.Vector is null ? b.Vector is null : a.Vector.SequenceEqual(b.Vector!));
            return same ? 0 : 1;
        }
    }
}
