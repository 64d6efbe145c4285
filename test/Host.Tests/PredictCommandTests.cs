using System.Globalization;
using DeepLearning.Host.Tests.Support;

namespace DeepLearning.Host.Tests;

/// <summary><c>dlp predict</c>: one output row per input row, the task's columns, kept columns first, and no
/// output at all when a row cannot be read.</summary>
[TestClass, TestCategory("e2e")]
public sealed class PredictCommandTests
{
    private static readonly string[] IrisClasses = ["setosa", "versicolor", "virginica"];

    [TestMethod]
    public void Predict_iris_writes_one_row_per_input_row_with_label_and_class_probabilities()
    {
        using var dir = new TempDir();
        var (model, _) = Dlp.Train(dir, "iris-maximum-entropy.yaml");
        var output = dir.Path("predictions.csv");

        Dlp.Succeed(dir, "predict", model, "--data", Dlp.IrisCsv, "--output", output);

        var csv = Csv.Read(output);
        CollectionAssert.AreEqual(
            new[] { "predicted_label", "probability_setosa", "probability_versicolor", "probability_virginica" },
            csv.Header.ToArray());
        Assert.HasCount(150, csv.Rows);
        foreach (var row in csv.Rows)
        {
            CollectionAssert.Contains(IrisClasses, row[0]);
            var probabilities = row.Skip(1).Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToList();
            Assert.AreEqual(1.0, probabilities.Sum(), 1e-4, string.Join(',', row));
            // The predicted class is the most probable one.
            Assert.AreEqual(IrisClasses[probabilities.IndexOf(probabilities.Max())], row[0], string.Join(',', row));
        }
        Assert.IsEmpty(Directory.GetFiles(dir.FullName, "*.tmp"), "a temp file was left next to the output");
    }

    [TestMethod]
    public void Keep_puts_the_kept_columns_first_in_input_order()
    {
        using var dir = new TempDir();
        var (model, _) = Dlp.Train(dir, "iris-maximum-entropy.yaml");
        var output = dir.Path("predictions.csv");

        var result = Dlp.Succeed(dir, "predict", model, "--data", Dlp.IrisCsv, "--output", output, "--keep", "species", "--json");

        Assert.AreEqual(150, Dlp.ParseObject(result.StdOut)["rows"]!.GetValue<int>());
        var csv = Csv.Read(output);
        Assert.AreEqual("species", csv.Header[0]);
        Assert.AreEqual("predicted_label", csv.Header[1]);
        var truth = Csv.Read(Dlp.IrisCsv).Column("species");
        CollectionAssert.AreEqual(truth.ToList(), csv.Column("species").ToList());
        // A floor on the whole file: the kept column lines up with the predictions row by row.
        var correct = csv.Rows.Count(r => r[0] == r[1]);
        Assert.IsGreaterThanOrEqualTo(135, correct, $"{correct}/150 predictions match the kept species");
    }

    [TestMethod]
    [DataRow("diabetes-ols.yaml", "diabetes", "diabetes.csv", 442, "prediction")]
    [DataRow("breast-cancer-logistic.yaml", "breast_cancer", "breast_cancer.csv", 569, "predicted_label,probability,score")]
    public void Predict_writes_the_columns_of_the_task(string example, string folder, string file, int rows, string header)
    {
        using var dir = new TempDir();
        var (model, _) = Dlp.Train(dir, example);
        var output = dir.Path("predictions.csv");

        Dlp.Succeed(dir, "predict", model, "--data", RepoPaths.Dataset(folder, file), "--output", output);

        var csv = Csv.Read(output);
        Assert.AreEqual(header, string.Join(',', csv.Header));
        Assert.HasCount(rows, csv.Rows);
        foreach (var row in csv.Rows)
            Assert.IsTrue(double.IsFinite(double.Parse(row[^1], CultureInfo.InvariantCulture)), string.Join(',', row));
    }

    [TestMethod]
    public void Predict_to_standard_output_prints_only_the_csv()
    {
        using var dir = new TempDir();
        var (model, _) = Dlp.Train(dir, "iris-maximum-entropy.yaml");

        var result = Dlp.Succeed(dir, "predict", model, "--data", Dlp.IrisCsv, "--output", "-");

        var csv = Csv.Parse(result.StdOut);
        Assert.AreEqual("predicted_label", csv.Header[0]);
        Assert.HasCount(150, csv.Rows);
    }

    [TestMethod]
    public void Predict_with_a_bad_row_exits_3_names_the_line_and_leaves_no_output()
    {
        using var dir = new TempDir();
        var (model, _) = Dlp.Train(dir, "iris-maximum-entropy.yaml");
        var lines = File.ReadAllLines(Dlp.IrisCsv);
        lines[86] = "6.7,3.1,4.7,wide,1,versicolor"; // line 87 of the file
        var data = dir.Write("bad.csv", string.Join('\n', lines) + "\n");
        Directory.CreateDirectory(dir.Path("out"));
        var output = dir.Path("out", "predictions.csv");

        var result = Dlp.Run(dir, "predict", model, "--data", data, "--output", output);

        Assert.AreEqual(3, result.ExitCode, result.ToString());
        Assert.Contains("bad.csv:87", result.StdErr, result.ToString());
        Assert.Contains("petal_width_cm", result.StdErr, result.ToString());
        Dlp.AssertNoStackTrace(result);
        Assert.IsFalse(File.Exists(output), "a partial output was left");
        Assert.IsEmpty(dir.FilesUnder("out"), $"files left: {string.Join(", ", dir.FilesUnder("out"))}");
    }

    [TestMethod]
    public void Predict_on_data_without_an_input_column_exits_3_and_names_it()
    {
        using var dir = new TempDir();
        var (model, _) = Dlp.Train(dir, "iris-maximum-entropy.yaml");
        var data = dir.Write("partial.csv", "sepal_length_cm,sepal_width_cm,petal_length_cm\n5.1,3.5,1.4\n");
        var output = dir.Path("predictions.csv");

        var result = Dlp.Run(dir, "predict", model, "--data", data, "--output", output);

        Assert.AreEqual(3, result.ExitCode, result.ToString());
        Assert.Contains("petal_width_cm", result.StdErr, result.ToString());
        Assert.IsFalse(File.Exists(output), "an output was written for unusable data");
    }
}
