using System.Buffers.Binary;
using System.IO.Compression;

namespace DeepLearning.Pipelines.Data;

/// <summary>An IDX file (the format of MNIST and Fashion-MNIST): a big-endian header — two zero bytes, a type byte
/// (0x08: unsigned bytes), the number of dimensions — then one int32 per dimension and the values, row-major.
/// gzip is detected by its magic bytes, as for CSV files.</summary>
/// <param name="Path">The file.</param>
/// <param name="Dimensions">Sizes, first the number of records (images or labels).</param>
/// <param name="Values">The unsigned bytes, row-major.</param>
/// <param name="Sha256">SHA-256 of the file as stored (compressed or not), for provenance.</param>
public sealed record IdxFile(string Path, int[] Dimensions, byte[] Values, string Sha256)
{
    /// <summary>The type byte of unsigned 8-bit values, the only type MNIST-style files use.</summary>
    public const byte UnsignedByte = 0x08;

    /// <summary>Records (the first dimension).</summary>
    public int Count => Dimensions[0];

    /// <summary>Whether <paramref name="path"/> (after gunzip) starts like an IDX file: two zero bytes, a known type
    /// code and 1–4 dimensions. A text file never starts with two zero bytes.</summary>
    public static bool Looks(string path)
    {
        if (!File.Exists(path)) return false;
        using var stream = Open(path);
        var head = new byte[4];
        return stream.ReadAtLeast(head, 4, throwOnEndOfStream: false) == 4
            && head[0] == 0 && head[1] == 0 && head[2] is 0x08 or 0x09 or 0x0B or 0x0C or 0x0D or 0x0E && head[3] is >= 1 and <= 4;
    }

    /// <summary>Reads <paramref name="path"/>, checking the magic number, the type, the dimensions and that the file
    /// holds exactly the values the header announces. Errors name the file and what was found.</summary>
    public static IdxFile Read(string path)
    {
        if (!File.Exists(path)) throw new DataException(path, null, null, Directory.Exists(path) ? "is a directory, not an IDX file" : "file not found");
        byte[] bytes;
        try
        {
            using var stream = Open(path);
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            bytes = memory.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new DataException(path, null, null, $"the gzip stream is damaged ({e.Message})");
        }
        if (bytes.Length < 4)
            throw new DataException(path, null, null, $"truncated: {bytes.Length} byte(s), but an IDX header alone takes at least 8");
        if (bytes[0] != 0 || bytes[1] != 0)
            throw new DataException(path, null, null, $"not an IDX file: it starts with 0x{bytes[0]:X2}{bytes[1]:X2}, an IDX file with 0x0000 (then a type byte and the number of dimensions)");
        if (bytes[2] != UnsignedByte)
            throw new DataException(path, null, null, $"IDX value type 0x{bytes[2]:X2} ({TypeName(bytes[2])}) is not supported; allowed: 0x08 (unsigned bytes, as in MNIST)");
        int rank = bytes[3];
        if (rank is < 1 or > 4)
            throw new DataException(path, null, null, $"the IDX header declares {rank} dimensions; allowed: 1 to 4");
        int header = 4 + 4 * rank;
        if (bytes.Length < header)
            throw new DataException(path, null, null, $"truncated: the header of {rank} dimension(s) needs {header} bytes, the file holds {bytes.Length}");
        var dimensions = new int[rank];
        long expected = 1;
        for (int d = 0; d < rank; d++)
        {
            dimensions[d] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * d));
            if (dimensions[d] < 1)
                throw new DataException(path, null, null, $"dimension {d + 1} of the IDX header is {dimensions[d]}; sizes must be ≥ 1");
            expected *= dimensions[d];
        }
        long held = bytes.Length - header;
        if (held != expected)
            throw new DataException(path, null, null, held < expected
                ? $"truncated: the header announces {string.Join("×", dimensions)} = {expected:N0} values, the file holds {held:N0}"
                : $"{held - expected:N0} byte(s) after the {string.Join("×", dimensions)} = {expected:N0} values the header announces");
        return new IdxFile(path, dimensions, bytes[header..], DataSource.Sha256(path));
    }

    private static Stream Open(string path)
    {
        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var magic = new byte[2];
        int read = stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        stream.Position = 0;
        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b ? new GZipStream(stream, CompressionMode.Decompress) : stream;
    }

    private static string TypeName(byte type) => type switch
    {
        0x09 => "signed bytes",
        0x0B => "16-bit integers",
        0x0C => "32-bit integers",
        0x0D => "32-bit floats",
        0x0E => "64-bit floats",
        _ => "unknown",
    };
}
