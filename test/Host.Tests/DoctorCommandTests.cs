using DeepLearning.Host.Tests.Support;

namespace DeepLearning.Host.Tests;

/// <summary><c>dlp doctor</c> loads libtorch and says from where, with versions, threads and the CUDA status.</summary>
[TestClass, TestCategory("e2e")]
public sealed class DoctorCommandTests
{
    [TestMethod]
    public void Doctor_json_reports_versions_libraries_and_cuda()
    {
        using var dir = new TempDir();
        var json = Dlp.ParseObject(Dlp.Succeed(dir, "doctor", "--json").StdOut);

        StringAssert.StartsWith(json["torchsharp"]!.GetValue<string>(), "0.107");
        StringAssert.StartsWith(json["libtorch"]!.GetValue<string>(), "2.10");
        Assert.IsFalse(string.IsNullOrEmpty(json["mlnet"]!.GetValue<string>()));
        Assert.IsTrue(json["torch_loads"]!.GetValue<bool>());
        var loaded = json["loaded_from"]!;
        foreach (var lib in new[] { "libLibTorchSharp.so", "libtorch_cpu.so" })
        {
            var path = loaded[lib]?.GetValue<string>();
            Assert.IsNotNull(path, $"{lib} not in {loaded.ToJsonString()}");
            Assert.IsTrue(File.Exists(path), path);
        }
        Assert.IsGreaterThanOrEqualTo(1, json["threads"]!.GetValue<int>());
        var cuda = json["cuda"]!;
        StringAssert.StartsWith(cuda["reason"]!.GetValue<string>(), cuda["available"]!.GetValue<bool>() ? "CUDA available" : "CUDA not available: ");
    }

    [TestMethod]
    public void Doctor_prints_a_readable_report()
    {
        using var dir = new TempDir();
        var text = Dlp.Succeed(dir, "doctor").StdOut;
        Assert.Contains("libtorch_cpu.so", text);
        Assert.Contains("CUDA", text);
    }
}
