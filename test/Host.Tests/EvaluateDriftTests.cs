using System.Globalization;
using DeepLearning.Host.Tests.Support;

namespace DeepLearning.Host.Tests;

/// <summary><c>dlp evaluate --drift</c>: the data compared with the training profile stored in the bundle.</summary>
[TestClass, TestCategory("e2e")]
public sealed class EvaluateDriftTests
{
    [TestMethod]
    public void The_training_file_has_no_drift_and_a_shifted_column_is_major_and_named()
    {
        using var dir = new TempDir();
        var (model, _) = Dlp.Train(dir, "diabetes-ols.yaml", null, "--set", "evaluate.cross_validation=0");
        var data = RepoPaths.Dataset("diabetes", "diabetes.csv");

        var same = Dlp.ParseObject(Dlp.Succeed(dir, "evaluate", model, "--data", data, "--drift", "--json").StdOut);
        Assert.AreEqual("none", same["drift"]!["verdict"]!.GetValue<string>(), same["drift"]!.ToJsonString());
        Assert.HasCount(10, same["drift"]!["columns"]!.AsArray());

        // s5_ltg's standard deviation is about 0.52: +3 pushes every row past the training deciles.
        var lines = File.ReadAllLines(data);
        int column = Array.IndexOf(lines[0].Split(','), "s5_ltg");
        var shifted = dir.Write("shifted.csv", string.Join('\n', lines.Take(1).Concat(lines.Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            var cells = l.Split(',');
            cells[column] = (double.Parse(cells[column], CultureInfo.InvariantCulture) + 3).ToString(CultureInfo.InvariantCulture);
            return string.Join(',', cells);
        }))) + "\n");
        var moved = Dlp.ParseObject(Dlp.Succeed(dir, "evaluate", model, "--data", shifted, "--drift", "--json").StdOut);
        Assert.AreEqual("major", moved["drift"]!["verdict"]!.GetValue<string>(), moved["drift"]!.ToJsonString());
        Assert.AreEqual("s5_ltg", moved["drift"]!["drifted"]![0]!.GetValue<string>());

        var table = Dlp.Succeed(dir, "evaluate", model, "--data", shifted, "--drift").StdOut;
        Assert.Contains("drift: major", table);
        Assert.Contains("s5_ltg", table);
    }
}
