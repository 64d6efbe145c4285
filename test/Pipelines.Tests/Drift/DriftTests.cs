using System.Globalization;
using System.IO.Compression;
using System.Text.Json.Nodes;
using DeepLearning.Pipelines.Bundle;
using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Drift;
using DeepLearning.Pipelines.Prediction;
using DeepLearning.Pipelines.Running;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Tests.Drift;

/// <summary>The training-data profile in the manifest and drift measured against it.</summary>
[TestClass]
public sealed class DriftTests
{
    private static string Train(TempDir dir, string example)
    {
        var path = dir.File("model.zip");
        new PipelineTrainer().Train(SpecLoader.Load(Repo.Example(example), ["evaluate.cross_validation=0"]), path);
        return path;
    }

    /// <summary>A copy of a CSV file with <paramref name="shift"/> added to every value of one column.</summary>
    private static string Shifted(TempDir dir, string csv, string column, double shift)
    {
        var lines = File.ReadAllLines(csv);
        int index = Array.IndexOf(lines[0].Split(','), column);
        Assert.IsGreaterThanOrEqualTo(0, index, $"{csv} has no column {column}");
        var shifted = lines.Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            var cells = l.Split(',');
            cells[index] = (double.Parse(cells[index], CultureInfo.InvariantCulture) + shift).ToString("R", CultureInfo.InvariantCulture);
            return string.Join(',', cells);
        });
        var path = dir.File("shifted.csv");
        File.WriteAllLines(path, shifted.Prepend(lines[0]));
        return path;
    }

    [TestMethod]
    public void TheManifestProfilesEveryInputColumn()
    {
        using var dir = new TempDir();
        var model = PipelineModel.Load(Train(dir, "diabetes-ols.yaml"));
        var profile = model.Manifest.Profile!;
        Assert.AreEqual(442, profile.Rows);
        CollectionAssert.AreEqual(model.Manifest.InputSchema.Select(c => c.Name).ToArray(), profile.Columns.Select(c => c.Name).ToArray());
        var bmi = profile.Columns.Single(c => c.Name == "bmi");
        Assert.AreEqual(442, bmi.Count);
        Assert.AreEqual(0, bmi.MissingRate);
        Assert.AreEqual(18.0, bmi.Min!.Value, 1e-6);
        Assert.AreEqual(42.2, bmi.Max!.Value, 1e-4);
        Assert.AreEqual(26.38, bmi.Mean!.Value, 0.01);
        Assert.HasCount(9, bmi.Deciles!);
        Assert.AreEqual(1.0, bmi.BinShares!.Sum(), 1e-9);
        Assert.IsNull(profile.LabelClasses, "regression has no class mix");
    }

    [TestMethod]
    public void ClassificationProfilesTheClassMix()
    {
        using var dir = new TempDir();
        var profile = PipelineModel.Load(Train(dir, "iris-maximum-entropy.yaml")).Manifest.Profile!;
        Assert.HasCount(3, profile.LabelClasses!);
        foreach (var share in profile.LabelClasses!.Values) Assert.AreEqual(1 / 3.0, share, 1e-9);
    }

    [TestMethod]
    public void TheTrainingFileAgainstItselfHasNoDrift()
    {
        using var dir = new TempDir();
        var model = PipelineModel.Load(Train(dir, "diabetes-ols.yaml"));
        var report = model.CheckDrift(Repo.Dataset("diabetes/diabetes.csv"));
        Assert.AreEqual(DriftLevel.None, report.Verdict);
        Assert.AreEqual(0, report.MaxPsi, 1e-12);
        Assert.IsEmpty(report.Drifted);
    }

    [TestMethod]
    public void AColumnShiftedByThreeStandardDeviationsIsMajorDriftNamingIt()
    {
        using var dir = new TempDir();
        var model = PipelineModel.Load(Train(dir, "diabetes-ols.yaml"));
        var std = model.Manifest.Profile!.Columns.Single(c => c.Name == "bmi").Std!.Value;
        var report = model.CheckDrift(Shifted(dir, Repo.Dataset("diabetes/diabetes.csv"), "bmi", 3 * std));
        Assert.AreEqual(DriftLevel.Major, report.Verdict);
        CollectionAssert.AreEqual(new[] { "bmi" }, report.Drifted.ToArray());
        var bmi = report.Columns.Single(c => c.Name == "bmi");
        Assert.IsGreaterThanOrEqualTo(DriftReport.MajorThreshold, bmi.Psi!.Value);
        Assert.AreEqual(bmi.TrainingMean!.Value + 3 * std, bmi.Mean!.Value, 0.01);
        Assert.AreEqual(0, report.Columns.Where(c => c.Name != "bmi").Max(c => c.Psi!.Value), 1e-12);
    }

    [TestMethod]
    public void CategoricalDriftPoolsUnseenCategories()
    {
        var profile = new DataProfile
        {
            Rows = 100,
            Columns = [new ColumnProfile { Name = "colour", Kind = ColumnKind.Categorical, Count = 100, MissingRate = 0,
                Categories = new Dictionary<string, double> { ["red"] = 0.5, ["blue"] = 0.5 } }],
        };
        DataTable Table(params string?[] values) =>
            new([TableColumn.Text("colour", ColumnKind.Categorical, values)], "new", "", Enumerable.Range(1, values.Length).ToArray());
        Assert.AreEqual(DriftLevel.None, DriftReport.Compute(profile, Table("red", "blue", "red", "blue")).Verdict);
        var unseen = DriftReport.Compute(profile, Table("green", "green", "red", "blue", null));
        Assert.AreEqual(DriftLevel.Major, unseen.Verdict);
        Assert.AreEqual(0.2, unseen.Columns[0].MissingRateChange, 1e-12);
    }

    [TestMethod]
    public void ABundleWithoutAProfileStillLoadsAndSaysWhyItCannotCheckDrift()
    {
        using var dir = new TempDir();
        var path = Train(dir, "diabetes-ols.yaml");
        // Rewrite the manifest as an older dlp wrote it: no profile key.
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("manifest.json")!;
            JsonObject manifest;
            using (var stream = entry.Open()) manifest = JsonNode.Parse(stream)!.AsObject();
            Assert.IsTrue(manifest.Remove("profile"), "the manifest should hold a profile");
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("manifest.json").Open());
            writer.Write(manifest.ToJsonString());
        }
        var model = PipelineModel.Load(path);
        Assert.IsNull(model.Manifest.Profile);
        var row = model.Manifest.InputSchema.ToDictionary(c => c.Name, c => (object?)1.0);
        Assert.IsNotNull(model.Predict(row).Value);
        var error = Assert.ThrowsExactly<ModelException>(() => model.CheckDrift(Repo.Dataset("diabetes/diabetes.csv")));
        StringAssert.Contains(error.Message, "retrain");
    }
}
