namespace DeepLearning.Pipelines.Data;

/// <summary>A train/test split that needs no row list in memory: a row is a test row when a seeded hash of its
/// record number (0-based, counting every data record of the file) falls below the test fraction. The same file,
/// fraction and seed always give the same split, and each row decides alone, so a file of any size splits in one
/// pass. The test share is exact only on average (binomial: ±2·√(n·p·(1−p)) rows at 95 %).</summary>
public static class HashSplit
{
    /// <summary>The row's uniform draw in [0, 1).</summary>
    public static double Draw(long record, int seed)
    {
        // SplitMix64's finaliser over the record number and the seed: well mixed, cheap, and the same on every platform.
        ulong z = unchecked((ulong)record * 0x9E3779B97F4A7C15UL + (ulong)(uint)seed * 0xD1B54A32D192ED03UL + 0x632BE59BD9B4E019UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>Whether record <paramref name="record"/> is held out for testing.</summary>
    public static bool IsTest(long record, double testFraction, int seed) => Draw(record, seed) < testFraction;
}
