using System.Collections.Concurrent;
using System.Text;
using System.Text.Unicode;
using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Spec;
using Microsoft.Win32.SafeHandles;

namespace DeepLearning.Pipelines.Prediction;

/// <summary>Scores a plain CSV file with a compiled linear model straight from its bytes, on every core: the file is
/// cut into blocks at line boundaries, each core parses, scores and formats whole blocks, and the blocks' output goes
/// to the stream in file order. It handles the common file — unquoted UTF-8, LF or CRLF, plain decimals, the
/// missing-value tokens — and gives up on anything else (a quote anywhere, a row with the wrong number of fields, a
/// cell that is not a number, a lone CR, text cells that trimming or quoting would change): the caller then scores
/// the whole file again on the general path, which is the reference for every value written and every error message.
/// Its output is byte for byte what the general path writes.</summary>
internal sealed class CsvByteScorer
{
    /// <summary>Bytes of input per block: large enough to amortise the hand-offs, small enough to stay in cache.</summary>
    public const int DefaultBlockBytes = 1 << 20;

    /// <summary>The longest cell the slow number path converts (a longer one is not a number the general path reads
    /// differently from a failure, so the general path reports it).</summary>
    private const int MaxSlowCell = 256;

    private readonly string path;
    private readonly LinearFastPath linear;
    private readonly byte separator;
    private readonly long dataStart;
    private readonly long fileLength;
    private readonly int blockBytes;
    private readonly int columnCount;
    /// <summary>Per file column: the feature index (0..n−1), n + the kept-text slot, or −1 to skip.</summary>
    private readonly int[] roles;
    /// <summary>Per output cell before the prediction: a feature index, or n + a kept-text slot.</summary>
    private readonly int[] outputs;
    private readonly int textCount;
    private readonly byte[][] missingTokens;
    private readonly bool emptyIsMissing;
    private readonly bool[] missingStarts = new bool[128];
    private readonly byte[] headerLine;

    private CsvByteScorer(string path, LinearFastPath linear, byte separator, long dataStart, long fileLength, int blockBytes,
        int columnCount, int[] roles, int[] outputs, int textCount, IReadOnlyList<string> missing, byte[] headerLine)
    {
        this.path = path;
        this.linear = linear;
        this.separator = separator;
        this.dataStart = dataStart;
        this.fileLength = fileLength;
        this.blockBytes = blockBytes;
        this.columnCount = columnCount;
        this.roles = roles;
        this.outputs = outputs;
        this.textCount = textCount;
        this.headerLine = headerLine;
        missingTokens = missing.Where(t => t.Length > 0).Select(Encoding.ASCII.GetBytes).ToArray();
        emptyIsMissing = missing.Contains("");
        foreach (var token in missingTokens) missingStarts[token[0]] = true;
    }

    /// <summary>A scorer for <paramref name="input"/>, read as <paramref name="form"/> says the model's data is read,
    /// copying the <paramref name="keep"/> columns before the prediction; or null when the file is not one it handles
    /// (gzip, a BOM other than UTF-8's, a quoted header, leading blank lines, a non-ASCII separator or missing-value
    /// token, a missing column). Reads only the header.</summary>
    public static CsvByteScorer? TryCreate(string input, LinearForm form, IReadOnlyList<string> keep, int blockBytes = DefaultBlockBytes)
    {
        char separatorChar = DataSource.Separator(form.Separator, input);
        if (separatorChar >= 128 || separatorChar is '"' or '\r' or '\n') return null;
        if (form.Missing.Any(t => t.Any(c => c >= 128))) return null;
        if (!File.Exists(input)) return null;

        var start = new byte[1 << 16];
        long length;
        int read;
        using (var file = File.OpenHandle(input))
        {
            length = RandomAccess.GetLength(file);
            read = RandomAccess.Read(file, start, 0);
        }
        int bom = read >= 3 && start[0] == 0xEF && start[1] == 0xBB && start[2] == 0xBF ? 3 : 0;
        if (read - bom < 1 || start[bom] is (byte)'\n' or (byte)'\r') return null;
        if (start[0] is 0x1f or 0xFE or 0xFF or 0x00) return null; // gzip, UTF-16 or UTF-32
        long dataStart = bom;
        if (form.Header)
        {
            int newline = start.AsSpan(0, read).IndexOf((byte)'\n');
            if (newline < 0) return null;
            var line = start.AsSpan(bom, newline - bom);
            if (line.Length > 0 && line[^1] == '\r') line = line[..^1];
            if (line.IndexOfAny((byte)'"', (byte)'\r') >= 0) return null;
            dataStart = newline + 1;
        }

        // The header's names and errors (empty or repeated names) are the general reader's own.
        var names = TableLoader.ReadHeader(input, separatorChar, form.Header);
        if (LinearFastPath.Bind(form, names) is not { } linear) return null;
        int n = linear.FeatureCount;
        var roles = Enumerable.Repeat(-1, names.Count).ToArray();
        for (int j = 0; j < n; j++) roles[linear.Sources[j]] = j;
        var outputs = new int[keep.Count];
        int texts = 0;
        for (int k = 0; k < keep.Count; k++)
        {
            int column = LinearFastPath.IndexOf(names, keep[k]);
            if (column < 0) return null;
            if (roles[column] >= 0) outputs[k] = roles[column];
            else
            {
                // Kept columns that are not features are read as text.
                roles[column] = n + texts;
                outputs[k] = n + texts++;
            }
        }
        var outputHeader = keep.Concat(BatchScorer.PredictionColumns(MlTask.Regression, [], 0));
        var header = Encoding.UTF8.GetBytes(string.Join(',', outputHeader.Select(BatchScorer.Quote)) + "\n");
        return new CsvByteScorer(input, linear, (byte)separatorChar, dataStart, length, blockBytes, names.Count, roles, outputs,
            texts, form.Missing, header);
    }

    /// <summary>What the compiled model is, for logs and --json.</summary>
    public string Description => linear.Description;

    /// <summary>Writes the header and every row's output to <paramref name="output"/>; the number of rows, or null
    /// when it gave up or found no rows (what it wrote is then to be discarded).</summary>
    public long? Score(Stream output)
    {
        long blocks = (fileLength - dataStart + blockBytes - 1) / blockBytes;
        if (blocks == 0) return null; // no data rows: the general path says so
        output.Write(headerLine);
        using var file = File.OpenHandle(path);
        var run = new Run(this, file, output, blocks);
        int workers = (int)Math.Min(Environment.ProcessorCount, blocks);
        var threads = Enumerable.Range(1, workers - 1).Select(_ => new Thread(run.Work) { IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        run.Work();
        threads.ForEach(t => t.Join());
        if (run.Failure is { } failure) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        // A file of blank lines has no data rows either: the general path says so.
        return run.GaveUp || run.Rows == 0 ? null : run.Rows;
    }

    /// <summary>One scoring of the file: blocks are claimed in order, processed by whichever worker claimed them, and
    /// written in order by whichever worker finds the next one ready. At most a few blocks per core are ahead of
    /// the writer, so memory stays bounded whatever the file's size.</summary>
    private sealed class Run(CsvByteScorer scorer, SafeFileHandle file, Stream output, long blocks)
    {
        private readonly object gate = new();
        private readonly Dictionary<long, BlockOutput> ready = [];
        private readonly ConcurrentBag<BlockOutput> spare = [];
        private readonly int window = 2 * Environment.ProcessorCount + 2;
        private long nextToClaim;
        private long nextToWrite;
        private bool writing;
        private volatile bool stopped;

        public long Rows { get; private set; }

        public bool GaveUp { get; private set; }

        public Exception? Failure { get; private set; }

        public void Work()
        {
            var block = new BlockWork(scorer, file);
            try
            {
                while (true)
                {
                    long k;
                    lock (gate)
                    {
                        while (!stopped && nextToClaim < blocks && nextToClaim >= nextToWrite + window) Monitor.Wait(gate);
                        if (stopped || nextToClaim >= blocks) return;
                        k = nextToClaim++;
                    }
                    var result = spare.TryTake(out var reused) ? reused : new BlockOutput();
                    if (!block.Process(k, result))
                    {
                        Stop(gaveUp: true, null);
                        return;
                    }
                    Deliver(k, result);
                }
            }
            catch (Exception e)
            {
                Stop(gaveUp: false, e);
            }
        }

        private void Stop(bool gaveUp, Exception? failure)
        {
            lock (gate)
            {
                if (gaveUp) GaveUp = true;
                Failure ??= failure;
                stopped = true;
                Monitor.PulseAll(gate);
            }
        }

        /// <summary>Hands a processed block to the writer; the worker that finds no writer active becomes it and
        /// writes every consecutive block that is ready.</summary>
        private void Deliver(long k, BlockOutput result)
        {
            lock (gate)
            {
                ready[k] = result;
                if (writing) return;
                writing = true;
            }
            while (true)
            {
                BlockOutput? next;
                lock (gate)
                {
                    if (stopped || !ready.Remove(nextToWrite, out next))
                    {
                        writing = false;
                        return;
                    }
                }
                try
                {
                    output.Write(next.Bytes, 0, next.Length);
                }
                catch
                {
                    lock (gate) writing = false;
                    throw;
                }
                spare.Add(next);
                lock (gate)
                {
                    Rows += next.Rows;
                    nextToWrite++;
                    Monitor.PulseAll(gate);
                }
            }
        }
    }

    /// <summary>A block's formatted output rows.</summary>
    private sealed class BlockOutput
    {
        public byte[] Bytes = new byte[1 << 20];
        public int Length;
        public int Rows;

        public void Ensure(int more)
        {
            if (Length + more > Bytes.Length) Array.Resize(ref Bytes, Math.Max(Bytes.Length * 2, Length + more));
        }
    }

    /// <summary>A worker's buffers: the block's bytes, then per row the raw feature values and kept-text spans.</summary>
    private sealed class BlockWork(CsvByteScorer s, SafeFileHandle file)
    {
        private readonly int n = s.linear.FeatureCount;
        private byte[] input = new byte[s.blockBytes + (1 << 16)];
        private float[] values = new float[1024 * Math.Max(1, s.linear.FeatureCount)];
        private int[] texts = new int[1024 * 2 * Math.Max(1, s.textCount)];
        private readonly float[] features = new float[s.linear.FeatureCount];

        /// <summary>Parses, scores and formats the rows that start in block <paramref name="k"/>; false to give up.</summary>
        public bool Process(long k, BlockOutput result)
        {
            long start = s.dataStart + k * s.blockBytes;
            long end = Math.Min(start + s.blockBytes, s.fileLength);
            // From the byte before the block: a row starts in the block when the byte before it is a line feed.
            long from = k == 0 ? start : start - 1;
            int length = ReadBlock(from, end);
            var bytes = input.AsSpan(0, length);
            if (bytes.IndexOf((byte)'"') >= 0 || !CarriageReturnsEndLines(bytes)) return false;

            int p = 0;
            if (k > 0)
            {
                int first = bytes.IndexOf((byte)'\n');
                if (first < 0) p = length;
                else p = first + 1;
            }
            int rows = 0;
            while (p < length && from + p < end)
            {
                int newline = bytes[p..].IndexOf((byte)'\n');
                int rowEnd = newline < 0 ? length : p + newline;
                int next = rowEnd + 1;
                if (rowEnd > p && input[rowEnd - 1] == '\r') rowEnd--;
                if (rowEnd > p)
                {
                    EnsureRows(rows + 1);
                    if (!ParseRow(p, rowEnd, rows)) return false;
                    rows++;
                }
                p = next;
            }
            Format(rows, result);
            return true;
        }

        /// <summary>Reads [from, end) and on to the end of the row that holds byte end − 1.</summary>
        private int ReadBlock(long from, long end)
        {
            int length = ReadFully(from, (int)(end - from), 0);
            while (length > 0 && from + length < s.fileLength && input[length - 1] != (byte)'\n')
            {
                if (input.Length < length + (1 << 16)) Array.Resize(ref input, input.Length * 2);
                int got = ReadFully(from + length, (int)Math.Min(1 << 16, s.fileLength - from - length), length);
                int newline = input.AsSpan(length, got).IndexOf((byte)'\n');
                length += newline >= 0 ? newline + 1 : got;
                if (newline >= 0 || got == 0) break;
            }
            return length;
        }

        private int ReadFully(long offset, int count, int at)
        {
            int total = 0;
            while (total < count)
            {
                int got = RandomAccess.Read(file, input.AsSpan(at + total, count - total), offset + total);
                if (got == 0) break; // the file shrank: the rows read so far are what there is
                total += got;
            }
            return total;
        }

        /// <summary>A CR is only accepted right before an LF (CRLF line ends); a lone one is a line break to the
        /// general reader, which this scanner leaves to it.</summary>
        private static bool CarriageReturnsEndLines(ReadOnlySpan<byte> bytes)
        {
            int at = bytes.IndexOf((byte)'\r');
            while (at >= 0)
            {
                if (at + 1 >= bytes.Length || bytes[at + 1] != '\n') return false;
                int next = bytes[(at + 2)..].IndexOf((byte)'\r');
                at = next < 0 ? -1 : at + 2 + next;
            }
            return true;
        }

        private void EnsureRows(int rows)
        {
            if (rows * n > values.Length) Array.Resize(ref values, values.Length * 2);
            if (rows * 2 * s.textCount > texts.Length) Array.Resize(ref texts, texts.Length * 2);
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private bool ParseRow(int p, int rowEnd, int row)
        {
            byte separator = s.separator;
            int column = 0;
            while (true)
            {
                if (column >= s.columnCount) return false;
                int role = s.roles[column];
                int fieldEnd;
                if (role < 0)
                {
                    fieldEnd = p;
                    while (fieldEnd < rowEnd && input[fieldEnd] != separator) fieldEnd++;
                }
                else if (role < n)
                {
                    fieldEnd = Number(p, rowEnd, out values[row * n + role]);
                    if (fieldEnd < 0) return false;
                }
                else
                {
                    fieldEnd = Text(p, rowEnd, row * 2 * s.textCount + 2 * (role - n));
                    if (fieldEnd < 0) return false;
                }
                column++;
                if (fieldEnd >= rowEnd) break;
                p = fieldEnd + 1;
            }
            return column == s.columnCount;
        }

        /// <summary>Parses the number at <paramref name="p"/>; returns where its field ends, or −1 to give up. Plain
        /// decimals take <see cref="FastNumber"/>'s exact fast case inline; any other cell goes through the general
        /// reader's steps (trim, missing-value token, <see cref="FastNumber.TryParse"/>).</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private int Number(int p, int rowEnd, out float value)
        {
            int start = p;
            bool negative = false;
            if (p < rowEnd)
            {
                byte c = input[p];
                if (c < 128 && s.missingStarts[c]) return SlowNumber(start, rowEnd, out value);
                if (c == '-' || c == '+')
                {
                    negative = c == '-';
                    p++;
                }
            }
            uint mantissa = 0;
            int digits = 0, decimals = 0;
            bool dot = false;
            for (; p < rowEnd; p++)
            {
                byte c = input[p];
                uint d = (uint)(c - '0');
                if (d <= 9)
                {
                    mantissa = mantissa * 10 + d;
                    if (mantissa > FastNumber.MaxExactMantissa) return SlowNumber(start, rowEnd, out value);
                    digits++;
                    if (dot) decimals++;
                }
                else if (c == '.' && !dot) dot = true;
                else if (c == s.separator) break;
                else return SlowNumber(start, rowEnd, out value);
            }
            if (digits == 0 || decimals > FastNumber.MaxExactDecimals) return SlowNumber(start, rowEnd, out value);
            value = FastNumber.Exact(mantissa, decimals, negative);
            return p;
        }

        private int SlowNumber(int start, int rowEnd, out float value)
        {
            value = float.NaN;
            int end = FieldEnd(start, rowEnd);
            var raw = input.AsSpan(start, end - start);
            if (raw.Length > MaxSlowCell) return -1;
            Span<char> chars = stackalloc char[raw.Length];
            for (int i = 0; i < raw.Length; i++)
            {
                if (raw[i] >= 128) return -1;
                chars[i] = (char)raw[i];
            }
            var cell = ((ReadOnlySpan<char>)chars).Trim();
            if (IsMissing(cell)) return end;
            return FastNumber.TryParse(cell, out value) ? end : -1;
        }

        private bool IsMissing(ReadOnlySpan<char> cell)
        {
            if (cell.IsEmpty) return s.emptyIsMissing;
            foreach (var token in s.missingTokens)
            {
                if (token.Length != cell.Length) continue;
                int i = 0;
                while (i < token.Length && token[i] == cell[i]) i++;
                if (i == token.Length) return true;
            }
            return false;
        }

        /// <summary>Records a kept text cell as (start, length) — length 0 for a missing one, which is written empty —
        /// when the general path would write its bytes unchanged; returns where its field ends, or −1 to give up.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private int Text(int start, int rowEnd, int slot)
        {
            int end = FieldEnd(start, rowEnd);
            var raw = input.AsSpan(start, end - start);
            texts[slot] = start;
            texts[slot + 1] = raw.Length;
            if (raw.IsEmpty) return end;
            // Trimming changes a cell with white space at either end; quoting changes one with a comma; the decoder
            // changes invalid UTF-8.
            if (raw.IndexOf((byte)',') >= 0) return -1;
            if (raw.IndexOfAnyInRange((byte)128, (byte)255) >= 0)
            {
                if (!Utf8.IsValid(raw)) return -1;
                Rune.DecodeFromUtf8(raw, out var first, out _);
                Rune.DecodeLastFromUtf8(raw, out var last, out _);
                if (Rune.IsWhiteSpace(first) || Rune.IsWhiteSpace(last)) return -1;
            }
            else if (raw[0] <= ' ' || raw[^1] <= ' ') return -1;
            if (raw[0] < 128 && s.missingStarts[raw[0]])
                foreach (var token in s.missingTokens)
                    if (raw.SequenceEqual(token)) texts[slot + 1] = 0;
            return end;
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private int FieldEnd(int start, int rowEnd)
        {
            int at = input.AsSpan(start, rowEnd - start).IndexOf(s.separator);
            return at < 0 ? rowEnd : start + at;
        }

        /// <summary>Scores the parsed rows and writes their output lines: the kept cells, then the prediction.</summary>
        private void Format(int rows, BlockOutput result)
        {
            result.Length = 0;
            result.Rows = rows;
            var outputs = s.outputs;
            for (int r = 0; r < rows; r++)
            {
                var raw = values.AsSpan(r * n, n);
                raw.CopyTo(features);
                float score = s.linear.ScoreRow(features);
                result.Ensure(outputs.Length * 32 + 64);
                for (int k = 0; k < outputs.Length; k++)
                {
                    int o = outputs[k];
                    if (o < n)
                    {
                        if (!float.IsNaN(raw[o])) WriteNumber(raw[o], result);
                    }
                    else
                    {
                        int slot = r * 2 * s.textCount + 2 * (o - n);
                        int length = texts[slot + 1];
                        result.Ensure(length + outputs.Length * 32 + 64);
                        input.AsSpan(texts[slot], length).CopyTo(result.Bytes.AsSpan(result.Length));
                        result.Length += length;
                    }
                    result.Bytes[result.Length++] = (byte)',';
                }
                WriteNumber(score, result);
                result.Bytes[result.Length++] = (byte)'\n';
            }
        }

        /// <summary>The text of float's "R" format (checked for all 2³² floats), in about 40 % of its time and without
        /// compiling the runtime's generic formatter at start-up.</summary>
        private static void WriteNumber(float value, BlockOutput result) =>
            result.Length += FloatText.Format(value, result.Bytes.AsSpan(result.Length));
    }
}
