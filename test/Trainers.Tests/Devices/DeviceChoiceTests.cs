using DeepLearning.Trainers.Devices;

namespace DeepLearning.Trainers.Tests.Devices;

/// <summary>Device requests parse strictly; without CUDA, auto falls back to the CPU saying why and cuda is an error.</summary>
[TestClass]
public sealed class DeviceChoiceTests
{
    [TestMethod]
    [DataRow("auto", DeviceKind.Auto, 0)]
    [DataRow("cpu", DeviceKind.Cpu, 0)]
    [DataRow("CUDA", DeviceKind.Cuda, 0)]
    [DataRow("cuda:3", DeviceKind.Cuda, 3)]
    public void ParsesTheFourForms(string text, DeviceKind kind, int index) =>
        Assert.AreEqual(new DeviceRequest(kind, index), DeviceRequest.Parse(text));

    [TestMethod]
    [DataRow("gpu")]
    [DataRow("cuda:")]
    [DataRow("cuda:-1")]
    [DataRow("cuda:x")]
    public void RejectsOtherText(string text) =>
        Assert.ThrowsExactly<ArgumentException>(() => DeviceRequest.Parse(text));

    [TestMethod]
    public void CpuIsAlwaysCpu() => Assert.AreEqual("cpu", TorchRuntime.Choose(DeviceRequest.Cpu).Name);

    [TestMethod]
    public void WithoutCudaAutoPicksCpuAndCudaFailsWithTheReason()
    {
        var none = new CudaStatus(false, 0, "CUDA not available: libtorch_cuda could not be loaded");
        var auto = TorchRuntime.Choose(DeviceRequest.Auto, none);
        Assert.AreEqual("cpu", auto.Name);
        StringAssert.Contains(auto.Reason, none.Reason);

        var error = Assert.ThrowsExactly<DeviceUnavailableException>(() => TorchRuntime.Choose(DeviceRequest.Parse("cuda:1"), none));
        StringAssert.Contains(error.Message, "device cuda:1 was asked for, but CUDA not available: ");
    }

    [TestMethod]
    public void WithCudaAutoPicksTheFirstGpuAndAMissingIndexIsAnError()
    {
        var two = new CudaStatus(true, 2, "CUDA available: 2 GPU(s) visible");
        Assert.AreEqual("cuda:0", TorchRuntime.Choose(DeviceRequest.Auto, two).Name);
        Assert.AreEqual("cuda:1", TorchRuntime.Choose(DeviceRequest.Parse("cuda:1"), two).Name);
        var error = Assert.ThrowsExactly<DeviceUnavailableException>(() => TorchRuntime.Choose(DeviceRequest.Parse("cuda:2"), two));
        StringAssert.Contains(error.Message, "only 2 GPU(s) are visible");
    }

    [TestMethod]
    public void TheProbeGivesAReasonEitherWay()
    {
        var cuda = TorchRuntime.Cuda();
        StringAssert.StartsWith(cuda.Reason, cuda.Available ? "CUDA available: " : "CUDA not available: ");
    }
}
