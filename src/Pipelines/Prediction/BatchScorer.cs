using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using DeepLearning.Pipelines.Bundle;
using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Prediction;

/// <summary>Scores a CSV file into a CSV file, in bounded memory whatever its size. The output is written to a temp
/// file and renamed at the end: a bad row halfway leaves no partial output. A linear regression bundle carries its
/// compiled arithmetic (<see cref="LinearForm"/>), and a plain file is then scored from its bytes on every core
/// (<see cref="CsvByteScorer"/>) without the manifest or ML.NET. Otherwise — and for any file the scanner gives up on —
/// two stages overlap: one thread parses the next chunks (Sep, into column arrays) while the calling thread scores and
/// writes the previous one; a linear regression model on a file longer than one chunk is scored by a compiled path
/// (<see cref="LinearFastPath"/>) once it has reproduced ML.NET's scores bit for bit on the first chunk, every other
/// model and every short file through ML.NET.</summary>
public static class BatchScorer
{
    /// <summary>Rows per chunk: large enough to amortise ML.NET's per-view cost, small enough to stay in cache.</summary>
    public const int DefaultChunkRows = 16_384;

    /// <summary>Scores <paramref name="input"/> into the file <paramref name="output"/>, copying the <paramref name="keep"/>
    /// columns first; written to a temp file and renamed. Returns the number of rows written.</summary>
    public static long Score(PipelineModel model, string input, string output, IReadOnlyList<string> keep, int chunkRows = DefaultChunkRows) =>
        Run(model, input, output, keep, new ScoringOptions { ChunkRows = chunkRows }).Rows;

    /// <summary>Scores <paramref name="input"/> into <paramref name="output"/> (any stream, e.g. standard output), copying
    /// the <paramref name="keep"/> columns first. Returns the number of rows written.</summary>
    public static long Score(PipelineModel model, string input, Stream output, IReadOnlyList<string> keep, int chunkRows = DefaultChunkRows) =>
        Run(model, input, output, keep, new ScoringOptions { ChunkRows = chunkRows }).Rows;

    /// <summary>Like <see cref="Score(PipelineModel, string, string, IReadOnlyList{string}, int)"/>, and says which
    /// scoring path ran.</summary>
    public static ScoringSummary Run(PipelineModel model, string input, string output, IReadOnlyList<string> keep, ScoringOptions? options = null) =>
        ToFile(output, stream => Run(model, input, stream, keep, options));

    /// <summary>Like <see cref="Score(PipelineModel, string, Stream, IReadOnlyList{string}, int)"/>, and says which
    /// scoring path ran.</summary>
    public static ScoringSummary Run(PipelineModel model, string input, Stream output, IReadOnlyList<string> keep, ScoringOptions? options = null)
    {
        options = Checked(options);
        return Scan(model.Linear, input, output, keep, options) ?? Run(model.Manifest, () => model, input, output, keep, options);
    }

    /// <summary>Scores <paramref name="input"/> with the bundle at <paramref name="modelPath"/> into the file
    /// <paramref name="output"/> (temp file, then rename), as <c>dlp predict</c> does: the file's header is checked
    /// against the manifest and parsing starts while the model loads.</summary>
    public static ScoringSummary Run(string modelPath, string input, string output, IReadOnlyList<string> keep, ScoringOptions? options = null)
    {
        options = Checked(options);
        var linear = options.FastPath ? ModelBundle.ReadLinear(modelPath) : null;
        // An unreadable bundle is reported as such before anything is written.
        var manifest = linear is null ? ModelBundle.ReadManifest(modelPath) : null;
        return ToFile(output, stream => Scan(linear, input, stream, keep, options)
            ?? Run(manifest ?? ModelBundle.ReadManifest(modelPath), () => PipelineModel.Load(modelPath), input, stream, keep, options));
    }

    /// <summary>Like <see cref="Run(string, string, string, IReadOnlyList{string}, ScoringOptions?)"/>, into any stream.</summary>
    public static ScoringSummary Run(string modelPath, string input, Stream output, IReadOnlyList<string> keep, ScoringOptions? options = null)
    {
        options = Checked(options);
        return Scan(options.FastPath ? ModelBundle.ReadLinear(modelPath) : null, input, output, keep, options)
            ?? Run(ModelBundle.ReadManifest(modelPath), () => PipelineModel.Load(modelPath), input, output, keep, options);
    }

    private static ScoringOptions Checked(ScoringOptions? options)
    {
        options ??= new ScoringOptions();
        if (options.ChunkRows < 1) throw new ArgumentException($"chunk rows must be at least 1, received {options.ChunkRows}");
        if (options.BlockBytes < 1) throw new ArgumentException($"block bytes must be at least 1, received {options.BlockBytes}");
        return options;
    }

    /// <summary>A linear regression model's compiled arithmetic (checked against ML.NET when the model was saved)
    /// scoring a plain CSV file from its bytes on every core, with neither the manifest nor ML.NET; null when there is
    /// no compiled form, the output cannot be rewound, or the scanner gave up on the file — its output is then
    /// discarded and the general reader starts over, so every odd file and every error message is the general reader's.</summary>
    private static ScoringSummary? Scan(LinearForm? linear, string input, Stream output, IReadOnlyList<string> keep, ScoringOptions options)
    {
        if (linear is null || !options.FastPath || !output.CanSeek) return null;
        if (CsvByteScorer.TryCreate(input, linear, keep, options.BlockBytes) is not { } scanner) return null;
        long begin = output.Position;
        if (scanner.Score(output) is { } rows)
            return new ScoringSummary(rows, $"{scanner.Description}, parsed from the file's bytes on {Environment.ProcessorCount} core{(Environment.ProcessorCount == 1 ? "" : "s")}");
        output.SetLength(begin);
        output.Position = begin;
        return null;
    }

    private static ScoringSummary Run(ModelManifest manifest, Func<PipelineModel> load, string input, Stream output, IReadOnlyList<string> keep, ScoringOptions options)
    {
        if (ImageSpec.FromJson(manifest.Provenance.Spec["data"]?["image"]) is not null)
            return ScoreImages(load(), input, output, keep, options.ChunkRows);
        var readOptions = PipelineModel.ReadOptionsFor(manifest, withLabel: false, keep);
        var classes = manifest.Classes ?? [];
        var header = keep.Concat(PredictionColumns(manifest.Task, classes, manifest.OutputSize ?? 0)).ToList();
        using var reader = CsvChunkReader.Open(input, readOptions);
        var kept = keep.Select(k => reader.Names.ToList().IndexOf(k)).ToArray();
        // Parsing starts now, on its own thread, and may run ahead while the model loads (ML.NET takes a few
        // hundred milliseconds to load one): that overlap is a large part of a short run.
        using var chunks = new ChunkPipeline(reader, options.ChunkRows, options.Pipelined);
        var model = load();
        chunks.Loaded();
        LinearFastPath? fast = null;
        bool compiled = !options.FastPath;
        string path = "general path (ML.NET)";

        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        writer.Write(string.Join(',', header.Select(Quote)));
        writer.Write('\n');
        var text = new RowText();
        var scores = new float[options.ChunkRows];
        long rows = 0;
        foreach (var chunk in chunks.Read())
        {
            text.Clear();
            IReadOnlyList<PredictionResult>? general = fast is null ? model.Predict(chunk.ToTable(input)) : null;
            if (!compiled && chunk.Count == chunk.Capacity)
            {
                // A file longer than one chunk is worth compiling for (a short one would spend more on compiling and
                // checking than on scoring). Trust, but check on real rows too: the compiled scores of this first
                // chunk must equal ML.NET's bit for bit, or the whole file stays on the general path.
                compiled = true;
                fast = LinearFastPath.TryCreate(model, reader.Names);
                if (fast is not null)
                {
                    fast.Score(chunk.Numbers, chunk.Count, scores);
                    for (int r = 0; r < chunk.Count && fast is not null; r++)
                        if (!LinearFastPath.SameBits(scores[r], general![r].Value!.Value))
                        {
                            fast = null;
                            path = $"general path (ML.NET): the compiled linear path differed on line {chunk.Lines[r]}";
                        }
                    if (fast is not null) path = fast.Description;
                }
            }
            if (general is null)
            {
                fast!.Score(chunk.Numbers, chunk.Count, scores);
                for (int r = 0; r < chunk.Count; r++)
                {
                    foreach (var k in kept) text.Cell(chunk, k, r).Comma();
                    text.Number(scores[r]).EndRow();
                }
            }
            else
            {
                for (int r = 0; r < chunk.Count; r++)
                {
                    foreach (var k in kept) text.Cell(chunk, k, r).Comma();
                    text.Prediction(general[r], classes).EndRow();
                }
            }
            writer.Write(text.Span);
            rows += chunk.Count;
            chunks.Done(chunk);
        }
        return new ScoringSummary(rows, path);
    }

    /// <summary>Images (IDX files or pixel CSVs) are read by the model's own image loader, a chunk at a time, and
    /// scored through ML.NET.</summary>
    private static ScoringSummary ScoreImages(PipelineModel model, string input, Stream output, IReadOnlyList<string> keep, int chunkRows)
    {
        var classes = model.Manifest.Classes ?? [];
        var header = keep.Concat(PredictionColumns(model.Manifest.Task, classes, model.Manifest.OutputSize ?? 0)).ToList();
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        writer.Write(string.Join(',', header.Select(Quote)));
        writer.Write('\n');
        var text = new RowText();
        long rows = 0;
        foreach (var chunk in model.ReadChunks(input, keep, chunkRows))
        {
            text.Clear();
            var predictions = model.Predict(chunk);
            var kept = keep.Select(k => chunk.Find(k)!).ToList();
            for (int r = 0; r < predictions.Count; r++)
            {
                foreach (var column in kept) text.Cell(column, r).Comma();
                text.Prediction(predictions[r], classes).EndRow();
            }
            writer.Write(text.Span);
            rows += predictions.Count;
        }
        return new ScoringSummary(rows, "general path (ML.NET), images");
    }

    private static ScoringSummary ToFile(string output, Func<Stream, ScoringSummary> score)
    {
        var temp = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output))!, $".{Path.GetFileName(output)}.{Guid.NewGuid():N}.tmp");
        try
        {
            ScoringSummary summary;
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                summary = score(file);
            File.Move(temp, output, overwrite: true);
            return summary;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>The chunks of a file, parsed on their own thread (when pipelined) a few chunks ahead of the consumer,
    /// which hands each chunk back through <see cref="Done"/> for reuse: memory stays bounded whatever the file's size.
    /// Until <see cref="Loaded"/>, parsing may run further ahead (up to <see cref="LoadingBudgetBytes"/>), so the
    /// parser's core is not idle while ML.NET loads the model; the surplus chunks are released afterwards.</summary>
    private sealed class ChunkPipeline : IDisposable
    {
        /// <summary>Chunks in flight once the model is loaded.</summary>
        private const int SteadyChunks = 3;

        /// <summary>Memory parsing may run ahead into while the model loads.</summary>
        private const long LoadingBudgetBytes = 64L << 20;

        private readonly CsvChunkReader reader;
        private readonly int chunkRows;
        private readonly int loadingChunks;
        private readonly CancellationTokenSource cancel = new();
        private readonly BlockingCollection<ColumnChunk> free = new();
        private readonly BlockingCollection<ColumnChunk> full = new();
        private readonly Task? producer;
        private int allocated;
        private int limit;

        public ChunkPipeline(CsvChunkReader reader, int chunkRows, bool pipelined)
        {
            this.reader = reader;
            this.chunkRows = chunkRows;
            long bytesPerRow = 4 + reader.Kinds.Sum(k => ColumnChunk.IsNumeric(k) ? 4L : 40L);
            loadingChunks = (int)Math.Clamp(LoadingBudgetBytes / (bytesPerRow * chunkRows), SteadyChunks, 64);
            limit = loadingChunks;
            if (pipelined) producer = Task.Factory.StartNew(Produce, cancel.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        /// <summary>The model is loaded: from now on only <see cref="SteadyChunks"/> chunks stay in flight.</summary>
        public void Loaded() => Volatile.Write(ref limit, SteadyChunks);

        private void Produce()
        {
            try
            {
                while (true)
                {
                    if (!free.TryTake(out var chunk))
                    {
                        if (Interlocked.Increment(ref allocated) <= Volatile.Read(ref limit)) chunk = reader.NewChunk(chunkRows);
                        else
                        {
                            Interlocked.Decrement(ref allocated);
                            chunk = free.Take(cancel.Token);
                        }
                    }
                    if (!reader.Read(chunk)) break;
                    full.Add(chunk, cancel.Token);
                }
            }
            finally
            {
                full.CompleteAdding();
            }
        }

        /// <summary>The chunks in file order; the parser's own failure (a bad row, with its file, line and column)
        /// surfaces here once the chunks before it are consumed.</summary>
        public IEnumerable<ColumnChunk> Read()
        {
            if (producer is null)
            {
                var chunk = reader.NewChunk(chunkRows);
                while (reader.Read(chunk)) yield return chunk;
                yield break;
            }
            foreach (var chunk in full.GetConsumingEnumerable()) yield return chunk;
            producer.GetAwaiter().GetResult();
        }

        /// <summary>Hands a consumed chunk back for reuse (or to the garbage collector, when more than the steady number
        /// are in flight).</summary>
        public void Done(ColumnChunk chunk)
        {
            if (producer is null) return;
            if (Volatile.Read(ref allocated) > Volatile.Read(ref limit))
            {
                Interlocked.Decrement(ref allocated);
                return;
            }
            free.Add(chunk);
        }

        /// <summary>Stops the parser (the consumer stopped early or failed) and waits for it, so the file closes after it.</summary>
        public void Dispose()
        {
            cancel.Cancel();
            try { producer?.Wait(); }
            catch (AggregateException) { /* reported by Read, or cancelled because the consumer failed */ }
            cancel.Dispose();
            free.Dispose();
            full.Dispose();
        }
    }

    /// <summary>The prediction columns of a task's output.</summary>
    public static IEnumerable<string> PredictionColumns(MlTask task, IReadOnlyList<string> classes, int outputSize) => task switch
    {
        MlTask.Regression => ["prediction"],
        MlTask.Binary => ["predicted_label", "probability", "score"],
        MlTask.Multiclass => new[] { "predicted_label" }.Concat(classes.Select(c => $"probability_{c}")),
        MlTask.Clustering => new[] { "cluster" }.Concat(Enumerable.Range(1, outputSize).Select(i => $"distance_{i}")),
        MlTask.DimensionalityReduction => Enumerable.Range(1, outputSize).Select(i => $"pc_{i}"),
        _ => ["anomaly_score", "is_anomaly"],
    };

    /// <summary>RFC 4180: quote a field holding a comma, quote or line break, doubling inner quotes.</summary>
    public static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    /// <summary>Output rows of a chunk, built in one growing char buffer and written in one call.</summary>
    private sealed class RowText
    {
        private char[] buffer = new char[1 << 20];
        private int length;

        public ReadOnlySpan<char> Span => buffer.AsSpan(0, length);

        public void Clear() => length = 0;

        public RowText Comma() => Char(',');

        public RowText EndRow() => Char('\n');

        public RowText Cell(ColumnChunk chunk, int column, int row)
        {
            if (chunk.Numbers[column] is { } numbers) return float.IsNaN(numbers[row]) ? this : Number(numbers[row]);
            return chunk.Texts[column]![row] is { } value ? Text(Quote(value)) : this;
        }

        public RowText Cell(TableColumn column, int row)
        {
            if (column.Numbers is { } numbers) return float.IsNaN(numbers[row]) ? this : Number(numbers[row]);
            return column.Texts![row] is { } value ? Text(Quote(value)) : this;
        }

        public RowText Number(float value)
        {
            Ensure(32);
            value.TryFormat(buffer.AsSpan(length), out int written, "R", CultureInfo.InvariantCulture);
            length += written;
            return this;
        }

        public RowText Prediction(PredictionResult p, IReadOnlyList<string> classes)
        {
            if (p.Value is { } v) return Number(v);
            if (p.IsAnomaly is { } anomaly) return Number(p.Score!.Value).Comma().Text(anomaly ? "true" : "false");
            if (p.Vector is { } vector)
            {
                if (p.Cluster is { } cluster) Text(cluster.ToString(CultureInfo.InvariantCulture)).Comma();
                for (int i = 0; i < vector.Count; i++)
                {
                    if (i > 0) Comma();
                    Number(vector[i]);
                }
                return this;
            }
            Text(Quote(p.Label!));
            if (p.Probabilities is { } all)
                foreach (var c in classes) Comma().Number(all[c]);
            else Comma().Number(p.Probability!.Value).Comma().Number(p.Score!.Value);
            return this;
        }

        private RowText Text(string value)
        {
            Ensure(value.Length);
            value.CopyTo(buffer.AsSpan(length));
            length += value.Length;
            return this;
        }

        private RowText Char(char c)
        {
            Ensure(1);
            buffer[length++] = c;
            return this;
        }

        private void Ensure(int more)
        {
            if (length + more > buffer.Length) Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + more));
        }
    }
}

/// <summary>How <see cref="BatchScorer"/> works.</summary>
public sealed record ScoringOptions
{
    /// <summary>Rows per chunk.</summary>
    public int ChunkRows { get; init; } = BatchScorer.DefaultChunkRows;

    /// <summary>Use the compiled path for models it supports (it is verified to give bit-identical scores).</summary>
    public bool FastPath { get; init; } = true;

    /// <summary>Parse the next chunk on another thread while the previous one is scored and written.</summary>
    public bool Pipelined { get; init; } = true;

    /// <summary>Bytes of the file per block when a compiled linear model scores it from its bytes on every core.</summary>
    public int BlockBytes { get; init; } = CsvByteScorer.DefaultBlockBytes;
}

/// <summary>What <see cref="BatchScorer"/> did.</summary>
/// <param name="Rows">Rows scored and written.</param>
/// <param name="Path">Which scoring path ran (and why the general one, when the compiled one was set aside).</param>
public sealed record ScoringSummary(long Rows, string Path);
