using DeepLearning.Trainers.Devices;

namespace DeepLearning.Trainers.Tests.Devices;

[TestClass]
public sealed class TorchRuntimeTests
{
    [TestMethod]
    public void LibTorchLoadsAndComputes()
    {
        // 1² + 2² + 3² computed by libtorch: fails if libLibTorchSharp.so cannot load (the GLIBCXX trap).
        Assert.AreEqual(14f, TorchRuntime.SmokeTest());
        StringAssert.StartsWith(TorchRuntime.LibTorchVersion, "2.10");
    }
}
