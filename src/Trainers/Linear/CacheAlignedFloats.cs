using System.Runtime.InteropServices;

namespace DeepLearning.Trainers.Linear;

/// <summary>Floats whose first element starts a 64-byte cache line, in an array on the pinned heap so the garbage
/// collector never moves it off that line. The softmax loss reads and writes rows of 16 floats (one row per feature):
/// in an ordinary array a row could straddle two lines, depending on where the array happened to be allocated, and
/// fits ran up to twice as slow in some processes as in others (make bench, digits).</summary>
public sealed class CacheAlignedFloats
{
    private const int LineBytes = 64;
    private readonly float[] array;
    private readonly int offset;

    /// <summary><paramref name="length"/> zeros.</summary>
    public CacheAlignedFloats(int length)
    {
        array = GC.AllocateArray<float>(length + LineBytes / sizeof(float), pinned: true);
        long address = Marshal.UnsafeAddrOfPinnedArrayElement(array, 0).ToInt64();
        offset = (int)((LineBytes - address % LineBytes) % LineBytes) / sizeof(float);
        Length = length;
    }

    /// <summary>How many floats.</summary>
    public int Length { get; }

    /// <summary>The floats.</summary>
    public Span<float> Span => array.AsSpan(offset, Length);

    /// <summary>The first float (on a line boundary).</summary>
    public ref float First => ref array[offset];
}
