using System.Diagnostics;
using DeepLearning.Pipelines.Bundle;
using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Evaluation;
using DeepLearning.Pipelines.Spec;
using DeepLearning.Pipelines.Trainers;

namespace DeepLearning.Pipelines.Running;

/// <summary>The outcome of <c>dlp train</c>.</summary>
/// <param name="Manifest">What the bundle's manifest holds (metrics, provenance, …).</param>
/// <param name="ModelPath">Where the bundle was written, or null when not written.</param>
public sealed record TrainResult(ModelManifest Manifest, string? ModelPath);

/// <summary>The data a spec trains on, read and checked, before anything is fitted.</summary>
/// <param name="Train">Training table with its label prepared.</param>
/// <param name="Test">Test table (a separate file), or null when held out of Train.</param>
/// <param name="Features">Feature columns and kinds.</param>
public sealed record PreparedData(LabelledTable Train, LabelledTable? Test, IReadOnlyList<(string Name, ColumnKind Kind)> Features);

/// <summary>Runs a spec end to end: read data, cross-validate, fit, evaluate on the test rows, write the bundle.</summary>
public sealed class PipelineTrainer(TrainerCatalog? catalog = null, IProgress<string>? progress = null)
{
    private readonly TrainerCatalog catalog = catalog ?? TrainerCatalog.Default;

    /// <summary>Reads and checks the spec's data (what <c>dlp validate</c> runs).</summary>
    public PreparedData Prepare(LoadedSpec loaded)
    {
        var spec = loaded.Spec;
        if (!spec.Task.IsSupervised())
            throw new SpecException(new SpecError(null, "task", $"task '{SnakeCase.Of(spec.Task)}' is not available in this version; allowed: regression, binary, multiclass"));
        var label = spec.Label!;
        var kinds = new Dictionary<string, ColumnKind>(spec.Data.Columns) { [label] = LabelColumn.KindFor(spec.Task) };
        var options = ReadOptions.From(spec.Data) with
        {
            Kinds = kinds,
            Keep = spec.Features?.Append(label).ToHashSet(),
            Required = (spec.Features ?? []).Append(label).ToList(),
        };
        var trainPath = loaded.Resolve(spec.Data.Train);
        progress?.Report($"Reading {trainPath}");
        var train = LabelColumn.Prepare(TableLoader.Load(trainPath, options), spec.Task, label);
        var features = (spec.Features ?? train.Table.Columns.Select(c => c.Name).Where(n => n != label).ToList())
            .Select(n => (n, train.Table.Find(n)!.Kind)).ToList();
        if (features.Count == 0)
            throw new DataException(trainPath, 1, null, $"the file has no column besides the label '{label}' to learn from");

        LabelledTable? test = null;
        if (spec.Data.Test is { } testFile)
        {
            var testPath = loaded.Resolve(testFile);
            progress?.Report($"Reading {testPath}");
            var known = train.Table.Columns.ToDictionary(c => c.Name, c => c.Kind);
            known[label] = LabelColumn.KindFor(spec.Task);
            var table = TableLoader.Load(testPath, options with { Kinds = known, Keep = known.Keys.ToHashSet(), Required = known.Keys.ToList() });
            test = LabelColumn.Prepare(table, spec.Task, label, spec.Task.IsClassification() ? train.Classes : null);
        }
        return new PreparedData(train, test, features);
    }

    /// <summary>Trains and, when <paramref name="outputPath"/> is given, writes the bundle there atomically.</summary>
    public TrainResult Train(LoadedSpec loaded, string? outputPath)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var spec = loaded.Spec;
        var definition = catalog.Find(spec.Trainer.Name)!;
        var data = Prepare(loaded);
        var fitter = new PipelineFitter(spec, definition, data.Features);
        var train = data.Train;
        var strata = spec.Task.IsClassification() && spec.Data.Split.Stratify ? train.ClassOfRow : null;

        CrossValidationReport? crossValidation = null;
        if (spec.Evaluate.CrossValidation >= 2)
        {
            var folds = Split(() => Splitter.Folds(train.Rows, spec.Evaluate.CrossValidation, spec.Task.IsClassification() ? train.ClassOfRow : null, spec.Data.Split.Seed ?? spec.Seed), "lower evaluate.cross_validation");
            var reports = new List<EvaluationReport>();
            for (int k = 0; k < folds.Length; k++)
            {
                progress?.Report($"Cross-validation fold {k + 1}/{folds.Length}");
                var fitRows = folds.Where((_, j) => j != k).SelectMany(f => f).Order().ToArray();
                reports.Add(fitter.Fit(train, fitRows).Model.Evaluate(train, folds[k]));
            }
            crossValidation = CrossValidationReport.From(reports);
        }

        int[] fitOn, testOn;
        if (data.Test is null)
            (fitOn, testOn) = Split(() => Splitter.TrainTest(train.Rows, spec.Data.Split.TestFraction, strata, spec.Data.Split.Seed ?? spec.Seed), "change data.split.test_fraction");
        else
            (fitOn, testOn) = (train.Rows, data.Test.Rows);
        progress?.Report($"Training {spec.Trainer.Name} on {fitOn.Length} rows");
        var fitted = fitter.Fit(train, fitOn);
        progress?.Report($"Evaluating on {testOn.Length} rows");
        var metrics = fitted.Model.Evaluate(data.Test ?? train, testOn);

        var manifest = new ModelManifest
        {
            Name = spec.Name,
            Task = spec.Task,
            Trainer = spec.Trainer.Name,
            InputSchema = data.Features.Select(f => new InputColumn(f.Name, f.Kind)).ToList(),
            Label = spec.Label,
            Classes = spec.Task.IsClassification() ? train.Classes : null,
            Featurization = fitted.Steps,
            Head = fitted.Model.Head is { } head ? new HeadInfo(head.Kind, $"heads/{head.Kind}.json") : null,
            Metrics = metrics,
            CrossValidation = crossValidation,
            Provenance = new Provenance
            {
                Spec = SpecWriter.Write(spec)!,
                SpecPath = Path.GetFullPath(loaded.Path),
                TrainData = new DataFileInfo(train.Table.Source, train.Table.Sha256, train.Table.RowCount),
                TestData = data.Test is { } t ? new DataFileInfo(t.Table.Source, t.Table.Sha256, t.Table.RowCount) : null,
                TrainRows = fitOn.Length,
                TestRows = testOn.Length,
                Seed = spec.Seed,
                Versions = VersionInfo.Libraries(),
                Device = "cpu",
                StartedAt = started,
                DurationSeconds = clock.Elapsed.TotalSeconds,
            },
        };
        if (outputPath is null) return new TrainResult(manifest, null);
        progress?.Report($"Writing {outputPath}");
        var inputSchema = PipelineFitter.InputSchema(train.Table, data.Features.Select(f => f.Name));
        ModelBundle.Write(outputPath, manifest, fitted.Model.Ml, fitted.Model.Chain, inputSchema, fitted.Model.Head);
        return new TrainResult(manifest, Path.GetFullPath(outputPath));

        // The splitter cannot name the file; too few rows for the spec's split is bad data, not an internal error.
        T Split<T>(Func<T> split, string hint)
        {
            try
            {
                return split();
            }
            catch (InvalidOperationException e)
            {
                throw new DataException(train.Table.Source, null, null, $"{e.Message}; {hint} or give more rows");
            }
        }
    }
}
