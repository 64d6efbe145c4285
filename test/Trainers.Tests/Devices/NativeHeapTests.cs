using DeepLearning.Trainers.Devices;

namespace DeepLearning.Trainers.Tests.Devices;

/// <summary>The native heap tuning for libtorch: when it applies, and that glibc accepts its values.</summary>
[TestClass]
public sealed class NativeHeapTests
{
    [TestMethod]
    public void UserSettingsAndTheOptOutTurnItOff()
    {
        if (!OperatingSystem.IsLinux()) Assert.Inconclusive("the tuning is for glibc on Linux");
        Assert.IsTrue(NativeHeap.Wanted(_ => null));
        Assert.IsFalse(NativeHeap.Wanted(name => name == NativeHeap.Variable ? "default" : null));
        Assert.IsTrue(NativeHeap.Wanted(name => name == NativeHeap.Variable ? "tuned" : null));
        foreach (var user in new[] { "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "GLIBC_TUNABLES" })
            Assert.IsFalse(NativeHeap.Wanted(name => name == user ? "1" : null), $"{user} set by the user must win");
    }

    [TestMethod]
    public void GlibcAcceptsTheThresholds()
    {
        if (!NativeHeap.Wanted(Environment.GetEnvironmentVariable)) Assert.Inconclusive("tuning is off in this environment");
        // False when glibc rejects a value (e.g. an mmap threshold above its 32 MiB maximum) or is not there.
        Assert.IsTrue(NativeHeap.EnsureTuned());
    }
}
