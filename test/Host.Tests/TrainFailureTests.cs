using System.Text.Json.Nodes;
using DeepLearning.Host.Tests.Support;

namespace DeepLearning.Host.Tests;

/// <summary>Every way <c>dlp train</c> can fail: the right exit code, one message that says where, and nothing
/// left at the --output path or beside it (a nightly job must never pick up a half-written or stale-looking model).</summary>
[TestClass, TestCategory("e2e")]
public sealed class TrainFailureTests
{
    private const string Iris = "iris-maximum-entropy.yaml";
    private const string IrisData = "../datasets/iris/iris.csv";

    [TestMethod]
    [DataRow("unknown_key", 2, "trainer.l2_weigth")]
    [DataRow("unknown_trainer", 2, "trainer.name")]
    [DataRow("bad_set_value", 2, "trainer.l2")]
    [DataRow("missing_spec_file", 2, "missing.yaml")]
    [DataRow("bad_number", 3, "bad-number.csv:11")]
    [DataRow("missing_label_column", 3, "'nope'")]
    [DataRow("empty_data_file", 3, "empty.csv")]
    [DataRow("header_only_data_file", 3, "header-only.csv")]
    [DataRow("missing_data_file", 3, "absent.csv")]
    [DataRow("one_class_label", 3, "one class")]
    [DataRow("too_many_folds", 3, "cross-validation")]
    [DataRow("no_test_rows", 3, "test fraction")]
    public void Failed_train_exits_with_its_code_names_the_place_and_leaves_no_file(string failure, int exitCode, string named)
    {
        using var dir = new TempDir();
        var (spec, extra) = Arrange(dir, failure);
        // The output folder exists beforehand, so "nothing left" covers temp files next to the bundle too.
        Directory.CreateDirectory(dir.Path("out"));
        var output = dir.Path("out", "model.zip");

        var result = Dlp.Run(dir, ["train", spec, "--output", output, .. extra]);

        Assert.AreEqual(exitCode, result.ExitCode, result.ToString());
        Assert.Contains(named, result.StdErr, result.ToString());
        Assert.StartsWith("error: ", result.StdErr.Split('\n').First(l => !l.StartsWith('[')), result.ToString());
        Dlp.AssertNoStackTrace(result);
        Assert.IsFalse(File.Exists(output), "a bundle was written by a failed train");
        Assert.IsEmpty(dir.FilesUnder("out"), $"files left in the output folder: {string.Join(", ", dir.FilesUnder("out"))}");
    }

    [TestMethod]
    public void Bad_spec_error_names_file_line_and_key_path_and_with_json_is_a_json_object()
    {
        using var dir = new TempDir();
        var spec = dir.CopyExample(Iris, ("name: maximum_entropy", "name: maximum_entropy\n  l2_weigth: 1"));

        var result = Dlp.Run(dir, "train", spec, "--output", dir.Path("out", "model.zip"), "--json");

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        // file:line:column: key path: what was wrong and what is allowed.
        Assert.Contains($"{Iris}:", result.StdErr, result.ToString());
        Assert.Contains("trainer.l2_weigth", result.StdErr, result.ToString());
        Assert.Contains("l2", result.StdErr.Split("allowed", 2)[1], "the message does not list the allowed keys");
        var error = Dlp.ParseObject(result.StdOut)["error"]!;
        Assert.AreEqual("spec", error["kind"]!.GetValue<string>());
        Assert.AreEqual(2, error["exit_code"]!.GetValue<int>());
        Assert.AreEqual("trainer.l2_weigth", error["errors"]!.AsArray().Single()!["path"]!.GetValue<string>());
    }

    [TestMethod]
    public void Failed_train_leaves_an_existing_model_untouched()
    {
        using var dir = new TempDir();
        var (model, _) = Dlp.Train(dir, Iris);
        var before = File.ReadAllBytes(model);
        var (spec, _) = Arrange(dir, "one_class_label");

        var result = Dlp.Run(dir, "train", spec, "--output", model);

        Assert.AreEqual(3, result.ExitCode, result.ToString());
        CollectionAssert.AreEqual(before, File.ReadAllBytes(model), "a failed train changed the model already there");
        Assert.HasCount(1, dir.FilesUnder("models"), string.Join(", ", dir.FilesUnder("models")));
    }

    [TestMethod]
    public void Diverged_training_exits_1_naming_epoch_and_learning_rate_and_leaves_no_file()
    {
        using var dir = new TempDir();
        var spec = dir.CopyExample("seed-regression-linear-gd.yaml");
        Directory.CreateDirectory(dir.Path("out"));
        var output = dir.Path("out", "model.zip");

        var result = Dlp.Run(dir, "train", spec, "--output", output, "--set", "trainer.learning_rate=10", "--json");

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        Assert.MatchesRegex(@"error: training diverged at epoch \d+ with learning rate 10", result.StdErr, result.ToString());
        Dlp.AssertNoStackTrace(result);
        Assert.AreEqual("training", Dlp.ParseObject(result.StdOut)["error"]!["kind"]!.GetValue<string>());
        Assert.IsEmpty(dir.FilesUnder("out"), $"files left in the output folder: {string.Join(", ", dir.FilesUnder("out"))}");
    }

    /// <summary>The spec (and extra arguments) that make <c>dlp train</c> fail in the named way.</summary>
    private static (string Spec, string[] Extra) Arrange(TempDir dir, string failure)
    {
        var lines = File.ReadAllLines(Dlp.IrisCsv);
        switch (failure)
        {
            case "unknown_key":
                return (dir.CopyExample(Iris, ("name: maximum_entropy", "name: maximum_entropy\n  l2_weigth: 1")), []);
            case "unknown_trainer":
                return (dir.CopyExample(Iris, ("name: maximum_entropy", "name: no_such_trainer")), []);
            case "bad_set_value":
                return (dir.CopyExample(Iris), ["--set", "trainer.l2=abc"]);
            case "missing_spec_file":
                return (dir.Path("missing.yaml"), []);
            case "bad_number":
                // Line 11 of the file (the 10th data row); declared numeric, so "abc" is an error, not a category.
                lines[10] = "5.0,abc,1.4,0.2,0,setosa";
                dir.Write("bad-number.csv", string.Join('\n', lines) + "\n");
                return (dir.CopyExample(Iris, (IrisData, "bad-number.csv"), ("columns: { label: ignore }", "columns: { label: ignore, sepal_width_cm: numeric }")), []);
            case "missing_label_column":
                return (dir.CopyExample(Iris, ("label: species", "label: nope")), []);
            case "empty_data_file":
                dir.Write("empty.csv", "");
                return (dir.CopyExample(Iris, (IrisData, "empty.csv")), []);
            case "header_only_data_file":
                dir.Write("header-only.csv", lines[0] + "\n");
                return (dir.CopyExample(Iris, (IrisData, "header-only.csv")), []);
            case "missing_data_file":
                return (dir.CopyExample(Iris, (IrisData, "absent.csv")), []);
            case "one_class_label":
                dir.Write("setosa.csv", string.Join('\n', lines.Where((l, i) => i == 0 || l.EndsWith(",setosa", StringComparison.Ordinal))) + "\n");
                return (dir.CopyExample(Iris, (IrisData, "setosa.csv")), []);
            case "too_many_folds":
                // 12 rows cannot make 20 folds.
                return (dir.CopyExample("seed-regression-ols.yaml"), ["--set", "evaluate.cross_validation=20"]);
            case "no_test_rows":
                // 1% of 12 rows rounds to no test row at all.
                return (dir.CopyExample("seed-regression-ols.yaml"), ["--set", "data.split.test_fraction=0.01"]);
            default:
                throw new ArgumentOutOfRangeException(nameof(failure), failure, null);
        }
    }
}
