using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using DeepLearning.Pipelines.Bundle;
using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Drift;
using DeepLearning.Pipelines.Evaluation;
using DeepLearning.Pipelines.Spec;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace DeepLearning.Pipelines.Prediction;

/// <summary>A saved model, loaded: predicts from dictionaries, typed objects or files, without the spec or the
/// training data. Immutable after load and safe to share across threads.</summary>
public sealed class PipelineModel
{
    private readonly ScoringModel model;
    private readonly ConcurrentDictionary<Type, Func<object, object?>[]> readers = new();
    private readonly ConcurrentBag<SingleRowScorer> singleRows = [];

    internal PipelineModel(ModelManifest manifest, ScoringModel model)
    {
        Manifest = manifest;
        this.model = model;
        Image = ImageSpec.FromJson(manifest.Provenance.Spec["data"]?["image"]);
    }

    /// <summary>For a model of images (<c>data.image</c>), their shape and scaling: new pixels are packed and scaled
    /// exactly as the training pixels were.</summary>
    public ImageSpec? Image { get; }

    /// <summary>The bundle's manifest: schema, classes, metrics, provenance.</summary>
    public ModelManifest Manifest { get; }

    /// <summary>The fitted chain and head (batch scoring compiles fast paths from it).</summary>
    internal ScoringModel Scoring => model;

    /// <summary>A linear regression model's arithmetic, compiled and checked when it was saved (null for other
    /// models): batch scoring of plain CSV files runs on it.</summary>
    internal LinearForm? Linear { get; private set; }

    /// <summary>Compiles a linear regression model's arithmetic, checked bit for bit against ML.NET on the first rows
    /// of <paramref name="realRows"/> (the training data), for <see cref="Linear"/>; called once, before the model is shared.</summary>
    internal void CompileLinear(DataTable realRows) => Linear = LinearFastPath.Compile(this, realRows);

    /// <summary>Loads a bundle written by <c>dlp train</c>; throws <see cref="ModelException"/> when it cannot.</summary>
    public static PipelineModel Load(string path)
    {
        var ml = new MLContext(seed: 0);
        var (manifest, chain, head) = ModelBundle.Read(path, ml);
        return new PipelineModel(manifest, new ScoringModel(ml, manifest.Task, chain, head, manifest.Label, manifest.Classes ?? [])
        {
            Threshold = manifest.Threshold ?? 0,
        })
        {
            Linear = ModelBundle.ReadLinear(path),
        };
    }

    /// <summary>Neural models: what happened in training, epoch by epoch (null for other models).</summary>
    public DeepLearning.Trainers.Training.TrainingHistory? TrainingHistory => (model.Head as DeepLearning.Trainers.Estimators.INeuralModel)?.History;

    /// <summary>Frees what the model holds outside the managed heap, once no call uses it (ML.NET models hold
    /// nothing; a custom head might). Called by <see cref="PredictionService"/> when a swapped-out model's last call ends.</summary>
    internal void ReleaseResources() => (model.Head as IDisposable)?.Dispose();

    /// <summary>How to read a data file for this model: its input columns with their kinds, plus the label when present.</summary>
    public ReadOptions ReadOptionsFor(bool withLabel, IEnumerable<string>? alsoKeep = null) => ReadOptionsFor(Manifest, withLabel, alsoKeep);

    /// <summary>How to read a data file for the model of <paramref name="manifest"/> (known before the model is loaded).</summary>
    public static ReadOptions ReadOptionsFor(ModelManifest manifest, bool withLabel, IEnumerable<string>? alsoKeep = null)
    {
        var kinds = manifest.InputSchema.ToDictionary(c => c.Name, c => c.Kind);
        // New data is read the way the training data was: same separator, header and "missing" tokens.
        var data = manifest.Provenance.Spec["data"];
        var missing = data?["missing"]?["values"]?.AsArray().Select(v => v?.GetValue<string>() ?? "").ToList()
            ?? new MissingSpec().Values.ToList();
        var separator = data?["separator"]?.GetValue<string>() ?? "auto";
        var header = data?["header"]?.GetValue<bool>() ?? true;
        if (withLabel && manifest.Label is { } label) kinds[label] = LabelColumn.KindFor(manifest.Task);
        foreach (var extra in alsoKeep ?? []) kinds.TryAdd(extra, ColumnKind.Text);
        return new ReadOptions(separator, header, missing, MissingPolicy.Keep, kinds, kinds.Keys.ToHashSet(), kinds.Keys.ToList());
    }

    /// <summary>Reads a data file as this model's input (plus the label when <paramref name="withLabel"/>, and the
    /// <paramref name="alsoKeep"/> columns). For a model of images: a pixel CSV whose pixels are packed as in training,
    /// or (without a label) an IDX image file.</summary>
    public DataTable ReadData(string path, bool withLabel, IEnumerable<string>? alsoKeep = null)
    {
        var options = ReadOptionsFor(withLabel, alsoKeep);
        if (Image is not { } image) return TableLoader.Load(path, options);
        if (IdxFile.Looks(path))
        {
            if (withLabel) throw new DataException(path, null, null, "an IDX image file holds no labels; evaluate on a CSV with the label column and the pixel columns");
            return ImageLoader.LoadIdx(path, null, image, null);
        }
        var (imageOptions, pixels) = ImageOptions(path, options, image);
        return ImageLoader.LoadCsv(path, image, imageOptions, pixels);
    }

    /// <summary>As <see cref="ReadData"/>, in chunks of at most <paramref name="chunkRows"/> rows, without the label.</summary>
    public IEnumerable<DataTable> ReadChunks(string path, IReadOnlyList<string> keep, int chunkRows)
    {
        var options = ReadOptionsFor(withLabel: false, keep);
        if (Image is not { } image) return TableLoader.ReadChunks(path, options, chunkRows);
        if (IdxFile.Looks(path)) return [ImageLoader.LoadIdx(path, null, image, null)];
        var (imageOptions, pixels) = ImageOptions(path, options, image);
        return ImageLoader.ReadCsvChunks(path, image, imageOptions, pixels, chunkRows);
    }

    private (ReadOptions Options, IReadOnlyList<string> Pixels) ImageOptions(string path, ReadOptions options, ImageSpec image)
    {
        var kinds = options.Kinds.Where(k => k.Key != image.Column).ToDictionary();
        var features = Manifest.Provenance.Spec["features"] is System.Text.Json.Nodes.JsonArray list ? list.Select(v => v!.GetValue<string>()).ToList() : null;
        var imageOptions = options with { Kinds = kinds, Keep = kinds.Keys.ToHashSet(), Required = kinds.Keys.ToList() };
        // The label and a split column are never pixels, whether or not this read keeps them.
        var notPixels = kinds.Keys.Append(Manifest.Label).Append(Manifest.Provenance.Spec["data"]?["split"]?["column"]?.GetValue<string>()).OfType<string>();
        return (imageOptions, ImageLoader.PixelColumns(path, imageOptions, features, notPixels));
    }

    /// <summary>Evaluates the model on a labelled file.</summary>
    public EvaluationReport Evaluate(string path)
    {
        var table = ReadData(path, withLabel: true);
        var labelled = Manifest.Task.IsSupervised()
            ? LabelColumn.Prepare(table, Manifest.Task, Manifest.Label!, Manifest.Task.IsClassification() ? Manifest.Classes : null)
            : LabelColumn.PrepareForEvaluation(table, Manifest.Task, Manifest.Label, NormalValues());
        return model.Evaluate(labelled);
    }

    /// <summary>Compares <paramref name="data"/> (holding the model's input columns, e.g. read with
    /// <see cref="ReadOptionsFor(bool, IEnumerable{string}?)"/>) against the training data's profile stored in the bundle.</summary>
    /// <exception cref="ModelException">The bundle predates data profiles.</exception>
    public DriftReport CheckDrift(DataTable data)
    {
        var profile = Manifest.Profile ?? throw new ModelException(Manifest.Name,
            "the bundle holds no training-data profile (it was written before dlp stored one); retrain it to check drift");
        return DriftReport.Compute(profile, data);
    }

    /// <summary>Reads <paramref name="path"/> as this model's input and compares it with the training data's profile.</summary>
    public DriftReport CheckDrift(string path) => CheckDrift(ReadData(path, withLabel: false));

    private IReadOnlyList<string> NormalValues() =>
        Manifest.Provenance.Spec["anomaly"]?["normal_values"]?.AsArray().Select(v => v!.GetValue<string>()).ToList() ?? new AnomalySpec().NormalValues;

    /// <summary>The labelled rows of <paramref name="data"/> projected to two dimensions and grouped by cluster or
    /// label, for a scatter plot (see <see cref="Projection2D.Compute"/>).</summary>
    public Projection2D Project2D(LabelledTable data) => Projection2D.Compute(model, data, Manifest.Name);

    /// <summary>Predicts every row of <paramref name="table"/> (which holds the input columns).</summary>
    public IReadOnlyList<PredictionResult> Predict(DataTable table)
    {
        var scored = model.Score(table.View());
        return Read(scored).ToList();
    }

    /// <summary>Predicts rows given as column name → value (numbers, strings, booleans; null or absent-as-null is missing).</summary>
    public IReadOnlyList<PredictionResult> Predict(IEnumerable<IReadOnlyDictionary<string, object?>> rows)
    {
        var list = rows.ToList();
        var columns = Manifest.InputSchema.Select(c => BuildColumn(c, Image, list.Select((row, i) =>
        {
            if (!row.TryGetValue(c.Name, out var value))
                throw new ArgumentException($"row {i + 1} has no value for input column '{c.Name}'; the model reads: {string.Join(", ", Manifest.InputSchema.Select(s => s.Name))}");
            return value;
        }).ToList())).ToList();
        return Predict(new DataTable(columns, "input", "", Enumerable.Range(1, list.Count).ToArray()));
    }

    /// <summary>Predicts one row given as column name → value.</summary>
    public PredictionResult Predict(IReadOnlyDictionary<string, object?> row)
    {
        // An image is one vector column, which the one-row scorer's scalar cells do not hold.
        if (Image is not null) return Predict([row])[0];
        // Building a table, a view and the chain's transformed view costs more than scoring one row, so single rows
        // reuse a one-row scorer whose transformed view is built once; each is used by one call at a time.
        if (!singleRows.TryTake(out var scorer)) scorer = new SingleRowScorer(this);
        try
        {
            scorer.Set(row);
            using var results = Read(scorer.Scored).GetEnumerator();
            results.MoveNext();
            return results.Current;
        }
        finally
        {
            singleRows.Add(scorer);
        }
    }

    /// <summary>Predicts one row given as an object whose public properties are named like the input columns
    /// (exactly, ignoring case, or in PascalCase for snake_case columns).</summary>
    public PredictionResult Predict<TInput>(TInput row) where TInput : notnull
    {
        // C# prefers this generic overload for a Dictionary<string, object?> (an exact match beats the conversion
        // to IReadOnlyDictionary), so a dictionary arriving here is a row of named values, not an object to bind.
        if (row is IReadOnlyDictionary<string, object?> named) return Predict(named);
        var getters = readers.GetOrAdd(typeof(TInput), BindProperties);
        IReadOnlyDictionary<string, object?> values = Enumerable.Range(0, getters.Length)
            .ToDictionary(i => Manifest.InputSchema[i].Name, i => getters[i](row));
        return Predict(values);
    }

    private Func<object, object?>[] BindProperties(Type type)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        return Manifest.InputSchema.Select(c =>
        {
            var match = properties.FirstOrDefault(p => p.Name == c.Name)
                ?? properties.FirstOrDefault(p => string.Equals(p.Name, c.Name, StringComparison.OrdinalIgnoreCase))
                ?? properties.FirstOrDefault(p => SnakeCase.From(p.Name) == c.Name)
                ?? throw new ArgumentException($"{type.Name} has no public property for input column '{c.Name}' ({SnakeCase.Of(c.Kind)}); the model reads: {string.Join(", ", Manifest.InputSchema.Select(s => s.Name))}");
            return (Func<object, object?>)match.GetValue;
        }).ToArray();
    }

    private static TableColumn BuildColumn(InputColumn column, ImageSpec? image, List<object?> values)
    {
        if (column.Kind == ColumnKind.Image && image is not null)
        {
            var pixels = new float[values.Count * image.Size];
            for (int r = 0; r < values.Count; r++)
            {
                var raw = ToPixels(column.Name, values[r], r + 1);
                if (raw.Count != image.Size)
                    throw new ArgumentException($"row {r + 1}: input column '{column.Name}' is an image of {image.Shape} = {image.Size} pixels; received {raw.Count} value(s)");
                for (int p = 0; p < raw.Count; p++) pixels[r * image.Size + p] = image.Transform(raw[p]);
            }
            return TableColumn.Vector(column.Name, column.Kind, pixels, image.Size);
        }
        if (IsText(column))
            return TableColumn.Text(column.Name, column.Kind, values.Select(ToText).ToArray());
        return TableColumn.Numeric(column.Name, column.Kind, values.Select(v => ToFloat(column.Name, v)).ToArray());
    }

    /// <summary>Raw pixels given as an array of numbers (a JSON array, or any collection of numbers).</summary>
    private static IReadOnlyList<float> ToPixels(string name, object? value, int row) => value switch
    {
        JsonElement { ValueKind: JsonValueKind.Array } e => e.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Number ? v.GetSingle()
            : throw new ArgumentException($"row {row}: input column '{name}' is an image; its pixels must be numbers, received {v.ValueKind.ToString().ToLowerInvariant()}")).ToList(),
        float[] f => f,
        System.Collections.IEnumerable list when value is not string => list.Cast<object?>().Select(v => ToFloat(name, v)).ToList(),
        _ => throw new ArgumentException($"row {row}: input column '{name}' is an image; send its pixels as an array of numbers, received '{value}'"),
    };

    private static bool IsText(InputColumn column) => column.Kind is ColumnKind.Categorical or ColumnKind.Text;

    private static string? ToText(object? value) => value switch
    {
        null => null,
        JsonElement { ValueKind: JsonValueKind.Null } => null,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>A one-row table whose cells are overwritten per call, with the model's scored view over it built once.</summary>
    private sealed class SingleRowScorer
    {
        private readonly PipelineModel owner;
        private readonly float[][] numbers;
        private readonly string?[][] texts;

        public SingleRowScorer(PipelineModel owner)
        {
            this.owner = owner;
            var schema = owner.Manifest.InputSchema;
            numbers = schema.Select(c => IsText(c) ? [] : new float[1]).ToArray();
            texts = schema.Select(c => IsText(c) ? new string?[1] : []).ToArray();
            var columns = schema.Select((c, i) => IsText(c) ? TableColumn.Text(c.Name, c.Kind, texts[i]) : TableColumn.Numeric(c.Name, c.Kind, numbers[i])).ToList();
            // Row-to-row mappers skip the cursor chain entirely (about 10× cheaper again); a stage that cannot map
            // single rows falls back to a transformed view over the one-row table, built once.
            mapped = SingleRowView.TryCreate(owner.model, columns);
            Scored = (IDataView?)mapped ?? owner.model.Score(new DataTable(columns, "input", "", [1]).View());
        }

        private readonly SingleRowView? mapped;

        public IDataView Scored { get; }

        public void Set(IReadOnlyDictionary<string, object?> row)
        {
            var schema = owner.Manifest.InputSchema;
            for (int i = 0; i < schema.Count; i++)
            {
                var column = schema[i];
                if (!row.TryGetValue(column.Name, out var value))
                    throw new ArgumentException($"row 1 has no value for input column '{column.Name}'; the model reads: {string.Join(", ", schema.Select(s => s.Name))}");
                if (IsText(column)) texts[i][0] = ToText(value);
                else numbers[i][0] = ToFloat(column.Name, value);
            }
            mapped?.Advance();
        }
    }

    private static float ToFloat(string name, object? value) => value switch
    {
        null => float.NaN,
        bool b => b ? 1 : 0,
        string s when ColumnStatistics.TryParseNumber(s.Trim(), out var f) => f,
        string s when ColumnStatistics.ParseBoolean(s.Trim()) is { } b => b ? 1 : 0,
        JsonElement { ValueKind: JsonValueKind.Number } e => e.GetSingle(),
        JsonElement { ValueKind: JsonValueKind.True } => 1,
        JsonElement { ValueKind: JsonValueKind.False } => 0,
        JsonElement { ValueKind: JsonValueKind.Null } => float.NaN,
        JsonElement { ValueKind: JsonValueKind.String } e => ToFloat(name, e.GetString()),
        IConvertible c when value is not string => Convert.ToSingle(c, CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"input column '{name}' is numeric; received '{value}'"),
    };

    private IEnumerable<PredictionResult> Read(IDataView scored)
    {
        var task = Manifest.Task;
        var classes = Manifest.Classes ?? [];
        if (task == MlTask.DimensionalityReduction)
        {
            foreach (var v in scored.GetColumn<VBuffer<float>>(Trainers.TrainerCatalog.ProjectionColumn))
                yield return new PredictionResult(null, null, null, null, null, Vector: v.DenseValues().ToArray());
            yield break;
        }
        var score = scored.Schema["Score"];
        var probability = scored.Schema.GetColumnOrNull("Probability");
        var predicted = scored.Schema.GetColumnOrNull("PredictedLabel");
        var active = new[] { (DataViewSchema.Column?)score, probability, predicted }.Where(c => c is not null).Select(c => c!.Value);
        using var cursor = scored.GetRowCursor(active);
        switch (task)
        {
            case MlTask.Regression:
            {
                var get = cursor.GetGetter<float>(score);
                float v = 0;
                while (cursor.MoveNext()) { get(ref v); yield return new PredictionResult(null, v, null, null, null); }
                break;
            }
            case MlTask.Binary:
            {
                var getScore = cursor.GetGetter<float>(score);
                var getProbability = cursor.GetGetter<float>(probability!.Value);
                var getLabel = cursor.GetGetter<bool>(predicted!.Value);
                float s = 0, p = 0;
                bool l = false;
                while (cursor.MoveNext())
                {
                    getScore(ref s); getProbability(ref p); getLabel(ref l);
                    yield return new PredictionResult(classes[l ? 1 : 0], null, p, s, null);
                }
                break;
            }
            case MlTask.Multiclass:
            {
                var get = cursor.GetGetter<VBuffer<float>>(score);
                VBuffer<float> buffer = default;
                var dense = new float[classes.Count];
                while (cursor.MoveNext())
                {
                    get(ref buffer);
                    buffer.CopyTo(dense);
                    int best = 0;
                    for (int i = 1; i < dense.Length; i++) if (dense[i] > dense[best]) best = i;
                    var probabilities = new Dictionary<string, float>(classes.Count);
                    for (int i = 0; i < classes.Count; i++) probabilities[classes[i]] = dense[i];
                    yield return new PredictionResult(classes[best], null, dense[best], null, probabilities);
                }
                break;
            }
            case MlTask.Clustering:
            {
                var getDistances = cursor.GetGetter<VBuffer<float>>(score);
                var getCluster = cursor.GetGetter<uint>(predicted!.Value);
                VBuffer<float> buffer = default;
                uint cluster = 0;
                while (cursor.MoveNext())
                {
                    getDistances(ref buffer); getCluster(ref cluster);
                    yield return new PredictionResult(null, null, null, null, null, Cluster: (int)cluster, Vector: buffer.DenseValues().ToArray());
                }
                break;
            }
            case MlTask.Anomaly:
            {
                var get = cursor.GetGetter<float>(score);
                float s = 0;
                double threshold = Manifest.Threshold ?? 0;
                while (cursor.MoveNext()) { get(ref s); yield return new PredictionResult(null, null, null, s, null, IsAnomaly: s > threshold); }
                break;
            }
            default:
                throw new NotSupportedException($"prediction for task '{SnakeCase.Of(task)}' is not available in this version");
        }
    }
}
