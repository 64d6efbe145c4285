using System.Globalization;
using System.Text;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Data;

/// <summary>What <see cref="SyntheticData"/> writes.</summary>
/// <param name="Task">regression, binary or multiclass.</param>
/// <param name="Features">Number of numeric features, x1 … xF (each drawn from N(0, 1)).</param>
/// <param name="Seed">Seed: the same options give the same bytes.</param>
/// <param name="Rows">Rows to write; null: write until <paramref name="Bytes"/> is reached.</param>
/// <param name="Bytes">Stop after the first row that brings the file to this many bytes; null: <paramref name="Rows"/> decides.</param>
/// <param name="Classes">Multiclass: number of classes.</param>
/// <param name="Noise">Standard deviation of the Gaussian noise added to the linear score.</param>
public sealed record SyntheticOptions(MlTask Task, int Features, int Seed, long? Rows, long? Bytes, int Classes = 3, double Noise = 0.1);

/// <summary>The rule the rows were drawn from, so a test can check what a model learnt. The score of a row is
/// <c>Bias[k] + Σ Weights[k][j]·x_j + noise</c>: regression writes score 0 as <c>y</c>, binary writes <c>y = 1</c> when
/// score 0 is above zero, multiclass writes <c>y = c{k}</c> for the class with the highest score.</summary>
/// <param name="Weights">One weight vector per score (one for regression and binary, one per class for multiclass).</param>
/// <param name="Bias">One bias per score.</param>
/// <param name="Rows">Rows written.</param>
/// <param name="Bytes">Bytes written.</param>
public sealed record SyntheticTruth(IReadOnlyList<double[]> Weights, double[] Bias, long Rows, long Bytes);

/// <summary>A deterministic generator of synthetic CSVs of a chosen size with a known linear ground truth: the
/// data behind the large-file benchmarks and the tests that check a model recovers what generated it. Values are
/// written with four decimals (the truth is exact for the rounded x: rounding happens before the score).</summary>
public static class SyntheticData
{
    /// <summary>The label column's name.</summary>
    public const string Label = "y";

    /// <summary>Writes the rows to <paramref name="path"/> atomically (a temporary file renamed at the end), so a
    /// failure leaves no partial file.</summary>
    public static SyntheticTruth Write(string path, SyntheticOptions options)
    {
        Check(options);
        var full = Path.GetFullPath(path);
        var temporary = full + ".tmp-" + Environment.ProcessId;
        try
        {
            SyntheticTruth truth;
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
                truth = Write(stream, options);
            File.Move(temporary, full, overwrite: true);
            return truth;
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>Writes the rows (UTF-8, header first, LF line ends) to <paramref name="output"/>.</summary>
    public static SyntheticTruth Write(Stream output, SyntheticOptions options)
    {
        Check(options);
        var random = new Random(options.Seed);
        int scores = options.Task == MlTask.Multiclass ? options.Classes : 1;
        // Weights in ±2 with two decimals, biases in ±0.5: readable in a test's expectations.
        var weights = Enumerable.Range(0, scores).Select(_ => Enumerable.Range(0, options.Features).Select(_ => Math.Round(random.NextDouble() * 4 - 2, 2)).ToArray()).ToList();
        var bias = Enumerable.Range(0, scores).Select(_ => Math.Round(random.NextDouble() - 0.5, 2)).ToArray();

        var header = string.Join(',', Enumerable.Range(1, options.Features).Select(j => $"x{j}").Append(Label)) + "\n";
        var encoding = new UTF8Encoding(false);
        long bytes = 0, rows = 0;
        var headerBytes = encoding.GetBytes(header);
        output.Write(headerBytes);
        bytes += headerBytes.Length;
        var x = new double[options.Features];
        var score = new double[scores];
        var line = new char[options.Features * 16 + 32];
        var encoded = new byte[line.Length * 3];
        while (options.Rows is { } wanted ? rows < wanted : bytes < options.Bytes!.Value)
        {
            int at = 0;
            for (int j = 0; j < x.Length; j++)
            {
                x[j] = Math.Round(Gaussian(random), 4);
                x[j].TryFormat(line.AsSpan(at), out int written, "0.0###", CultureInfo.InvariantCulture);
                at += written;
                line[at++] = ',';
            }
            for (int k = 0; k < scores; k++)
            {
                double s = bias[k];
                for (int j = 0; j < x.Length; j++) s += weights[k][j] * x[j];
                score[k] = s + options.Noise * Gaussian(random);
            }
            switch (options.Task)
            {
                case MlTask.Regression:
                    Math.Round(score[0], 4).TryFormat(line.AsSpan(at), out int w, "0.0###", CultureInfo.InvariantCulture);
                    at += w;
                    break;
                case MlTask.Binary:
                    line[at++] = score[0] > 0 ? '1' : '0';
                    break;
                default:
                    int best = 0;
                    for (int k = 1; k < scores; k++) if (score[k] > score[best]) best = k;
                    line[at++] = 'c';
                    best.TryFormat(line.AsSpan(at), out int c, default, CultureInfo.InvariantCulture);
                    at += c;
                    break;
            }
            line[at++] = '\n';
            int n = encoding.GetBytes(line, 0, at, encoded, 0);
            output.Write(encoded, 0, n);
            bytes += n;
            rows++;
        }
        return new SyntheticTruth(weights, bias, rows, bytes);
    }

    /// <summary>Parses a size such as <c>512MB</c>, <c>2GiB</c> or <c>1000000</c> (bytes): KB/MB/GB are powers of
    /// 1000, KiB/MiB/GiB powers of 1024.</summary>
    public static long ParseSize(string text)
    {
        var s = text.Trim();
        int end = s.Length;
        while (end > 0 && char.IsLetter(s[end - 1])) end--;
        var unit = s[end..].ToUpperInvariant();
        long factor = unit switch
        {
            "" or "B" => 1,
            "K" or "KB" => 1000, "KIB" => 1L << 10,
            "M" or "MB" => 1000_000, "MIB" => 1L << 20,
            "G" or "GB" => 1000_000_000, "GIB" => 1L << 30,
            _ => 0,
        };
        if (factor == 0 || !double.TryParse(s[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number <= 0)
            throw new ArgumentException($"size: received '{text}'; allowed: a positive number of bytes with an optional unit B, KB, MB, GB (×1000) or KiB, MiB, GiB (×1024), e.g. 512MB");
        return (long)(number * factor);
    }

    private static void Check(SyntheticOptions o)
    {
        if (o.Task is not (MlTask.Regression or MlTask.Binary or MlTask.Multiclass))
            throw new ArgumentException($"task: received '{SnakeCase.Of(o.Task)}'; allowed: regression, binary, multiclass");
        if (o.Features is < 1 or > 10_000) throw new ArgumentException($"features: received {o.Features}; allowed: 1–10000");
        if (o.Rows is null == o.Bytes is null) throw new ArgumentException("give either a number of rows or a size, not both and not neither");
        if (o.Rows is < 1) throw new ArgumentException($"rows: received {o.Rows}; allowed: at least 1");
        if (o.Bytes is < 1) throw new ArgumentException($"size: received {o.Bytes} bytes; allowed: at least 1");
        if (o.Task == MlTask.Multiclass && o.Classes is < 2 or > 1000) throw new ArgumentException($"classes: received {o.Classes}; allowed: 2–1000");
        if (o.Noise < 0 || double.IsNaN(o.Noise)) throw new ArgumentException($"noise: received {o.Noise}; allowed: 0 or more");
    }

    // Box–Muller on the seeded generator: System.Random has no Gaussian of its own.
    private static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
