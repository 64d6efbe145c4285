using DeepLearning.Host.Tests.Support;

namespace DeepLearning.Host.Tests;

/// <summary><c>trainer.device</c>: cpu is recorded in the manifest; cuda without CUDA exits 1 saying why; a bad
/// value is a spec error (2).</summary>
[TestClass, TestCategory("e2e")]
public sealed class DeviceCommandTests
{
    private static string[] Train(TempDir dir, string device, params string[] extra) =>
        ["train", Path.Combine(RepoPaths.Examples, "iris-mlp.yaml"), "--output", dir.Path("m.zip"),
         "--set", "evaluate.cross_validation=0", "--set", "trainer.epochs=2", "--set", $"trainer.device={device}", .. extra];

    [TestMethod]
    public void Cpu_is_recorded_in_provenance()
    {
        using var dir = new TempDir();
        var json = Dlp.ParseObject(Dlp.Succeed(dir, Train(dir, "cpu", "--json")).StdOut);
        Assert.AreEqual("cpu", json["device"]!.GetValue<string>());
        Assert.AreEqual("cpu", Dlp.Inspect(dir, dir.Path("m.zip"))["provenance"]!["device"]!.GetValue<string>());
    }

    [TestMethod]
    public void Auto_says_which_device_and_why()
    {
        using var dir = new TempDir();
        var result = Dlp.Succeed(dir, Train(dir, "auto"));
        Assert.MatchesRegex(@"Trained on (cpu \(auto: CUDA not available: |cuda:0 \(auto: CUDA available)", result.StdErr);
    }

    [TestMethod]
    public void Cuda_in_the_cpu_build_fails_with_exit_1_and_the_reason()
    {
        // The tests build the default TorchBackend=cpu, whose output has no libtorch_cuda: asking for cuda must fail.
        using var dir = new TempDir();
        var result = Dlp.Run(dir, Train(dir, "cuda"));
        Assert.AreEqual(1, result.ExitCode, result.ToString());
        Assert.Contains("device cuda was asked for, but CUDA not available: libtorch_cuda could not be loaded", result.StdErr, result.ToString());
        Dlp.AssertNoStackTrace(result);
        Assert.IsFalse(File.Exists(dir.Path("m.zip")));
    }

    [TestMethod]
    public void A_bad_device_is_a_spec_error()
    {
        using var dir = new TempDir();
        var result = Dlp.Run(dir, Train(dir, "gpu"));
        Assert.AreEqual(2, result.ExitCode, result.ToString());
        Assert.Contains("trainer.device", result.StdErr, result.ToString());
    }
}
