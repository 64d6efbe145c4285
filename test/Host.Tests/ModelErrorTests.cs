using DeepLearning.Host.Tests.Support;

namespace DeepLearning.Host.Tests;

/// <summary>Exit code 4 for a model file that cannot be loaded, from every command that reads one.</summary>
[TestClass, TestCategory("e2e")]
public sealed class ModelErrorTests
{
    [TestMethod]
    [DataRow("inspect", "not-a-zip", "not a zip")]
    [DataRow("evaluate", "not-a-zip", "not a zip")]
    [DataRow("predict", "not-a-zip", "not a zip")]
    [DataRow("inspect", "missing", "not found")]
    [DataRow("evaluate", "missing", "not found")]
    [DataRow("predict", "missing", "not found")]
    [DataRow("inspect", "zip-without-manifest", "manifest.json")]
    [DataRow("predict", "zip-without-manifest", "manifest.json")]
    public void Unloadable_model_exits_4_and_names_the_file(string command, string model, string reason)
    {
        using var dir = new TempDir();
        var path = dir.Path("model.zip");
        switch (model)
        {
            case "not-a-zip":
                dir.Write("model.zip", "this is not a model bundle\n");
                break;
            case "zip-without-manifest":
                using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create))
                    using (var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open())) writer.Write("hello");
                break;
        }
        var output = dir.Path("out", "predictions.csv");
        string[] args = command switch
        {
            "inspect" => ["inspect", path],
            "evaluate" => ["evaluate", path, "--data", Dlp.IrisCsv],
            _ => ["predict", path, "--data", Dlp.IrisCsv, "--output", output],
        };

        var result = Dlp.Run(dir, args);

        Assert.AreEqual(4, result.ExitCode, result.ToString());
        Assert.Contains("model.zip", result.StdErr, result.ToString());
        Assert.Contains(reason, result.StdErr, result.ToString());
        Dlp.AssertNoStackTrace(result);
        Assert.IsFalse(Directory.Exists(dir.Path("out")) && Directory.EnumerateFileSystemEntries(dir.Path("out")).Any(), "predict wrote output for a bad model");
    }

    [TestMethod]
    public void A_bundle_from_a_newer_format_is_refused_with_an_upgrade_hint()
    {
        using var dir = new TempDir();
        var (model, _) = Dlp.Train(dir, "iris-maximum-entropy.yaml");
        using (var zip = System.IO.Compression.ZipFile.Open(model, System.IO.Compression.ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("manifest.json")!;
            string text;
            using (var reader = new StreamReader(entry.Open())) text = reader.ReadToEnd();
            entry.Delete();
            var newer = System.Text.Json.Nodes.JsonNode.Parse(text)!;
            newer["format_version"] = 999;
            using var writer = new StreamWriter(zip.CreateEntry("manifest.json").Open());
            writer.Write(newer.ToJsonString());
        }

        var result = Dlp.Run(dir, "inspect", model);

        Assert.AreEqual(4, result.ExitCode, result.ToString());
        Assert.Contains("999", result.StdErr, result.ToString());
        Assert.Contains("upgrade", result.StdErr, result.ToString());
    }
}
