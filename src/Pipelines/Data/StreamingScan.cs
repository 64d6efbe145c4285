using System.Security.Cryptography;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Data;

/// <summary>Which rows of a streamed file are test rows: a seeded hash of the record number
/// (<see cref="HashSplit"/>), the values of a split column, or none (every row is a training row, or — for a
/// separate test file — a test row).</summary>
public sealed class StreamSplit
{
    private readonly double testFraction;
    private readonly int seed;
    private readonly int column = -1;
    private readonly HashSet<string>? testValues;

    private StreamSplit(double testFraction, int seed, int column, HashSet<string>? testValues)
    {
        this.testFraction = testFraction; this.seed = seed; this.column = column; this.testValues = testValues;
    }

    /// <summary>No row is a test row.</summary>
    public static StreamSplit None { get; } = new(0, 0, -1, null);

    /// <summary>About <paramref name="testFraction"/> of the rows, chosen by <see cref="HashSplit"/>.</summary>
    public static StreamSplit Hash(double testFraction, int seed) => new(testFraction, seed, -1, null);

    /// <summary>Rows whose value in column <paramref name="columnIndex"/> (of the file) is one of <paramref name="values"/>.</summary>
    public static StreamSplit ByColumn(int columnIndex, IEnumerable<string> values) => new(0, 0, columnIndex, values.ToHashSet(StringComparer.Ordinal));

    /// <summary>The file column that decides, or -1 when the record number does.</summary>
    public int Column => column;

    /// <summary>Whether the row is a test row, given its record number and (for a split column) its trimmed cell there.</summary>
    public bool IsTest(long record, string? cell) =>
        testValues is not null ? cell is not null && testValues.Contains(cell) : testFraction > 0 && HashSplit.IsTest(record, testFraction, seed);
}

/// <summary>Running count, mean, spread and range of one numeric column (Welford), exact over a whole pass.</summary>
public sealed class NumericSummary
{
    private double mean, m2;

    /// <summary>Values present.</summary>
    public long Count { get; private set; }
    /// <summary>Values missing.</summary>
    public long MissingCount { get; private set; }
    /// <summary>Smallest value.</summary>
    public double Min { get; private set; } = double.PositiveInfinity;
    /// <summary>Largest value.</summary>
    public double Max { get; private set; } = double.NegativeInfinity;
    /// <summary>Mean.</summary>
    public double Mean => mean;
    /// <summary>Population standard deviation.</summary>
    public double Std => Count == 0 ? 0 : Math.Sqrt(m2 / Count);

    /// <summary>Adds one value (NaN = missing).</summary>
    public void Add(float value)
    {
        if (float.IsNaN(value)) { MissingCount++; return; }
        Count++;
        double delta = value - mean;
        mean += delta / Count;
        m2 += delta * (value - mean);
        if (value < Min) Min = value;
        if (value > Max) Max = value;
    }
}

/// <summary>What one streaming pass learnt about a file: how to read it, its size and hash, the label's classes,
/// exact numeric summaries, and a bounded uniform sample of its labelled rows (for the data profile, plots and
/// reports, which need rows in memory).</summary>
/// <param name="Layout">How to read the file.</param>
/// <param name="Label">The label as views expose it.</param>
/// <param name="Split">Which rows are test rows.</param>
/// <param name="Sha256">SHA-256 of the file's bytes.</param>
/// <param name="Rows">Rows read (after data.missing.policy drop_rows).</param>
/// <param name="TrainRows">Labelled rows that are training rows.</param>
/// <param name="TestRows">Labelled rows that are test rows.</param>
/// <param name="ClassCounts">Classification: labelled rows per class, in class order.</param>
/// <param name="Numbers">Exact summary of every numeric column kept, by name.</param>
/// <param name="Sample">Up to the sample size of labelled rows, drawn uniformly (reservoir, seeded); its table carries the file's path and hash.</param>
/// <param name="SampleIsTest">For each sample row, whether it is a test row.</param>
public sealed record StreamedFile(CsvLayout Layout, StreamLabel Label, StreamSplit Split, string Sha256, long Rows, long TrainRows, long TestRows,
    IReadOnlyList<long> ClassCounts, IReadOnlyDictionary<string, NumericSummary> Numbers, LabelledTable Sample, bool[] SampleIsTest)
{
    /// <summary>Labelled rows.</summary>
    public long LabelledRows => TrainRows + TestRows;

    /// <summary>The training rows, streamed.</summary>
    public CsvDataView TrainView() => new(Layout, Label, Split, testRows: false, TrainRows);

    /// <summary>The test rows, streamed.</summary>
    public CsvDataView TestView() => new(Layout, Label, Split, testRows: true, TestRows);

    /// <summary>Every labelled row, streamed.</summary>
    public CsvDataView View() => new(Layout, Label, null, false, LabelledRows);
}

/// <summary>Reads a file once, without keeping it, to check every cell and learn what training needs before any
/// model is fitted: a bad row deep in the file fails here, naming its line, before anything is written. Kinds not
/// declared are inferred from the first <see cref="InferRows"/> rows.</summary>
public static class StreamingScan
{
    /// <summary>Rows kind inference looks at.</summary>
    public const int InferRows = 100_000;

    /// <summary>Rows kept in the sample.</summary>
    public const int SampleRows = 20_000;

    /// <summary>Most distinct classes a streamed label may have.</summary>
    public const int MaxClasses = 10_000;

    /// <summary>Scans <paramref name="path"/>. <paramref name="options"/> must declare the label's kind;
    /// <paramref name="knownClasses"/> are the training classes when scanning a test file.</summary>
    public static StreamedFile Scan(string path, ReadOptions options, string label, MlTask task, StreamSplit split, int seed,
        IReadOnlyList<string>? knownClasses = null, int sampleRows = SampleRows)
    {
        if (!task.IsSupervised()) throw new ArgumentException($"streaming reads supervised tasks only, not {SnakeCase.Of(task)}");
        char separator = DataSource.Separator(options.Separator, path);
        var missing = options.MissingValues.ToHashSet(StringComparer.Ordinal);
        var names = TableLoader.ReadHeader(path, separator, options.Header);
        TableLoader.CheckColumns(path, names, options);
        var (kept, kinds) = TableLoader.ResolveKinds(path, separator, options, names, missing, InferRows);
        int labelIndex = names.ToList().IndexOf(label);
        if (labelIndex < 0 || !kept.Contains(labelIndex))
            throw new DataException(path, 1, null, $"no label column '{label}'{SpecBinder.Suggest(label, names)}; the file has: {string.Join(", ", names)}");
        var layout = new CsvLayout(path, separator, options.Header, names, kept, kinds, missing, options.Policy);
        bool classification = task.IsClassification();
        var numeric = kept.Where(i => kinds[i] is ColumnKind.Numeric or ColumnKind.Boolean).ToArray();
        var textual = kept.Where(i => !numeric.Contains(i)).ToArray();
        var summaries = numeric.ToDictionary(i => i, _ => new NumericSummary());
        var classCounts = new Dictionary<string, long>(StringComparer.Ordinal);
        var known = knownClasses?.ToHashSet(StringComparer.Ordinal);
        var random = new Random(seed);
        var sample = new List<(float[] Numbers, string?[] Texts, int Line, bool Test)>();

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long rows = 0, train = 0, test = 0, record = -1;
        var missingSpan = missing.GetAlternateLookup<ReadOnlySpan<char>>();
        using (var reader = DataSource.Open(path, hash))
        {
            using var csv = new CsvRowReader(reader, separator, path, names.Count, options.Header, strict: true);
            var numbers = new float[numeric.Length];
            int labelNumber = Array.IndexOf(numeric, labelIndex);
            while (csv.MoveNext())
            {
                record = csv.Record;
                int line = csv.Line;
                if (options.Policy != MissingPolicy.Keep && FirstMissing() is var gap and >= 0)
                {
                    if (options.Policy == MissingPolicy.DropRows) continue;
                    throw new DataException(path, line, TableLoader.Name(names, gap), $"missing value '{csv.Cell(gap).ToString()}' while data.missing.policy is 'error'");
                }
                rows++;
                for (int k = 0; k < numeric.Length; k++)
                {
                    int i = numeric[k];
                    var cell = csv.Cell(i);
                    var kind = i == labelIndex ? ColumnKind.Numeric : kinds[i];
                    numbers[k] = missingSpan.Contains(cell) ? float.NaN
                        : kind == ColumnKind.Numeric && FastNumber.TryParse(cell, out var value) ? value
                        : TableLoader.ParseNumeric(path, line, TableLoader.Name(names, i), kind, cell.ToString());
                    summaries[i].Add(numbers[k]);
                }
                var labelSpan = csv.Cell(labelIndex);
                if (missingSpan.Contains(labelSpan) || (!classification && float.IsNaN(numbers[labelNumber]))) continue;
                if (classification)
                {
                    var labelCell = labelSpan.ToString();
                    if (known is not null && !known.Contains(labelCell))
                        throw new DataException(path, line, $"'{label}'", $"class '{labelCell}' was not in the training data; the model knows: {string.Join(", ", knownClasses!)}");
                    if (!classCounts.ContainsKey(labelCell) && classCounts.Count == MaxClasses)
                        throw new DataException(path, line, $"'{label}'", $"the label has more than {MaxClasses} distinct classes ('{labelCell}' is one more); is it the right column?");
                    classCounts[labelCell] = classCounts.GetValueOrDefault(labelCell) + 1;
                }
                bool isTest = split.IsTest(record, split.Column >= 0 ? csv.Cell(split.Column).ToString() : null);
                long labelled = train + test;
                if (isTest) test++; else train++;
                // Reservoir sampling (algorithm R): every labelled row ends up in the sample with the same probability.
                int slot = labelled < sampleRows ? -1 : random.NextInt64(labelled + 1) is var j && j < sampleRows ? (int)j : -2;
                if (slot == -2) continue;
                var entry = ((float[])numbers.Clone(), textual.Select(i => missingSpan.Contains(csv.Cell(i)) ? null : csv.Cell(i).ToString()).ToArray(), line, isTest);
                if (slot == -1) sample.Add(entry); else sample[slot] = entry;
            }

            int FirstMissing()
            {
                foreach (var i in kept)
                    if (missingSpan.Contains(csv.Cell(i))) return i;
                return -1;
            }
            while (reader.Read() >= 0) { } // hash what a gzip reader may have left unread
        }
        if (rows == 0)
            throw new DataException(path, null, null, options.Policy == MissingPolicy.DropRows
                ? "no rows left after dropping rows with missing values"
                : "the file has a header but no data rows");
        if (train + test == 0) throw new DataException(path, null, $"'{label}'", "every label is missing");

        IReadOnlyList<string> classes = [];
        if (classification)
        {
            classes = knownClasses ?? LabelColumn.NaturalOrder(classCounts.Keys);
            if (knownClasses is null && classes.Count < 2)
                throw new DataException(path, null, $"'{label}'", $"the label has one class ('{classes[0]}'); {SnakeCase.Of(task)} classification needs at least two");
            if (knownClasses is null && task == MlTask.Binary && classes.Count > 2)
                throw new DataException(path, null, $"'{label}'", $"binary classification needs two classes, the label has {classes.Count} ({string.Join(", ", classes.Take(5))}{(classes.Count > 5 ? ", …" : "")}); use task: multiclass");
        }
        var sha = Convert.ToHexStringLower(hash.GetHashAndReset());

        // The sample as a table in file order of columns (rows stay in reservoir order; the profile does not care).
        var columns = kept.Select(i => Array.IndexOf(numeric, i) is var k and >= 0
            ? TableColumn.Numeric(names[i], kinds[i], sample.Select(s => s.Numbers[k]).ToArray())
            : TableColumn.Text(names[i], kinds[i], sample.Select(s => s.Texts[Array.IndexOf(textual, i)]).ToArray())).ToList();
        var table = new DataTable(columns, path, sha, sample.Select(s => s.Line).ToArray());
        var labelledSample = LabelColumn.Prepare(table, task, label, classification ? classes : null);
        return new StreamedFile(layout, new StreamLabel(label, task, classes), split, sha, rows, train, test,
            classes.Select(c => classCounts.GetValueOrDefault(c)).ToList(),
            summaries.ToDictionary(p => names[p.Key], p => p.Value), labelledSample, sample.Select(s => s.Test).ToArray());
    }
}
