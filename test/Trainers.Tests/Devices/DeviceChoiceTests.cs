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
        var cuda = TorchRuntime.Cuda();
        if (cuda.Available) Assert.Inconclusive("this machine has CUDA; the fallback is tested where it has not");
        StringAssert.StartsWith(cuda.Reason, "CUDA not available: ");

        var auto = TorchRuntime.Choose(DeviceRequest.Auto);
        Assert.AreEqual("cpu", auto.Name);
        StringAssert.Contains(auto.Reason, cuda.Reason);

        var error = Assert.ThrowsExactly<DeviceUnavailableException>(() => TorchRuntime.Choose(DeviceRequest.Parse("cuda:1")));
        StringAssert.Contains(error.Message, "device cuda:1 was asked for, but CUDA not available: ");
    }
}
