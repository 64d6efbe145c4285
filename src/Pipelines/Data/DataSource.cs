using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace DeepLearning.Pipelines.Data;

/// <summary>Opens a data file: gzip is detected by its magic bytes, the separator by the option or extension,
/// and the bytes read are hashed so a manifest can record the SHA-256 of exactly what was trained on.</summary>
public static class DataSource
{
    /// <summary>Opens <paramref name="path"/> as text, decompressing gzip; <paramref name="hash"/> sees the raw bytes.</summary>
    public static TextReader Open(string path, IncrementalHash? hash = null)
    {
        if (!File.Exists(path)) throw new DataException(path, null, null, Directory.Exists(path) ? "is a directory, not a data file" : "file not found");
        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        if (hash is not null) stream = new HashingStream(stream, hash);
        var magic = new byte[2];
        int read = stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        bool gzip = read == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        stream = new PrefixedStream(magic.AsMemory(0, read), stream);
        if (gzip) stream = new GZipStream(stream, CompressionMode.Decompress);
        return new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
    }

    /// <summary>The separator for <paramref name="path"/>: the option's character, or tab for .tsv(.gz), else comma.</summary>
    public static char Separator(string option, string path)
    {
        if (option != "auto") return option == "\\t" ? '\t' : option[0];
        var name = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
        return name.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".tab", StringComparison.OrdinalIgnoreCase) ? '\t' : ',';
    }

    /// <summary>SHA-256 of a file, lower-case hex.</summary>
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private sealed class HashingStream(Stream inner, IncrementalHash hash) : Stream
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            int read = inner.Read(buffer, offset, count);
            hash.AppendData(buffer, offset, read);
            return read;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing) { if (disposing) inner.Dispose(); base.Dispose(disposing); }
    }

    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream inner) : Stream
    {
        private ReadOnlyMemory<byte> prefix = prefix;
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (prefix.Length > 0)
            {
                int n = Math.Min(count, prefix.Length);
                prefix.Span[..n].CopyTo(buffer.AsSpan(offset, n));
                prefix = prefix[n..];
                return n;
            }
            return inner.Read(buffer, offset, count);
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing) { if (disposing) inner.Dispose(); base.Dispose(disposing); }
    }
}
