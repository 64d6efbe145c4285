using System.Diagnostics;
using DeepLearning.Pipelines.Bundle;
using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Drift;
using DeepLearning.Pipelines.Evaluation;
using DeepLearning.Pipelines.Prediction;
using DeepLearning.Pipelines.Spec;
using DeepLearning.Pipelines.Trainers;
using DeepLearning.Trainers.Estimators;
using DeepLearning.Trainers.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace DeepLearning.Pipelines.Running;

/// <summary>The outcome of <c>dlp train</c>.</summary>
/// <param name="Manifest">What the bundle's manifest holds (metrics, provenance, …).</param>
/// <param name="ModelPath">Where the bundle was written, or null when not written.</param>
/// <param name="Model">The trained model, ready to predict in this process.</param>
/// <param name="Holdout">The rows it was tested on, with their true answers (for comparing models on the same rows).</param>
public sealed record TrainResult(ModelManifest Manifest, string? ModelPath, PipelineModel Model, Holdout Holdout)
{
    /// <summary>The whole training file as read (for drift checks against another model's profile).</summary>
    public DataTable? TrainingData { get; init; }

    /// <summary>The checkpoint epoch the final fit resumed after (<c>--resume</c>); null when it started from scratch.</summary>
    public int? ResumedFromEpoch { get; init; }

    /// <summary>Neural trainers: the training loss per epoch of the final fit.</summary>
    public IReadOnlyList<double>? TrainLoss => Model.TrainingHistory?.TrainLoss;
}

/// <summary>Test rows and their answers: the inputs, and per row the true class name or number.</summary>
/// <param name="Inputs">The test rows (every column read).</param>
/// <param name="Classes">Per row, the true class (classification; empty otherwise).</param>
/// <param name="Values">Per row, the true number (regression; empty otherwise).</param>
public sealed record Holdout(DataTable Inputs, IReadOnlyList<string> Classes, IReadOnlyList<float> Values)
{
    /// <summary>The holdout of <paramref name="rows"/> of <paramref name="data"/>.</summary>
    public static Holdout From(LabelledTable data, int[] rows, MlTask task, string? label)
    {
        var inputs = data.Table.Select(rows);
        var classes = data.ClassOfRow is { } c && data.Classes.Count > 0 ? rows.Select(r => c[r] >= 0 ? data.Classes[c[r]] : "").ToList() : [];
        var values = task == MlTask.Regression ? inputs.Find(label!)!.Numbers!.ToList() : [];
        return new Holdout(inputs, classes, values);
    }
}

/// <summary>The data a spec trains on, read and checked, before anything is fitted.</summary>
/// <param name="Train">Training table with its label prepared.</param>
/// <param name="Test">Test table (a separate file), or null when held out of Train.</param>
/// <param name="Features">Feature columns and kinds.</param>
public sealed record PreparedData(LabelledTable Train, LabelledTable? Test, IReadOnlyList<(string Name, ColumnKind Kind)> Features)
{
    /// <summary>With <c>data.streaming</c>: the labelled rows of the whole training file, while <see cref="Train"/>
    /// holds a bounded uniform sample of them; null when the file was loaded.</summary>
    public long? StreamedRows { get; init; }

    /// <summary>Labelled training rows in the file.</summary>
    public long LabelledRows => StreamedRows ?? Train.Rows.Length;
}

/// <summary>Runs a spec end to end: read data, cross-validate, fit, evaluate on the test rows, write the bundle.
/// <paramref name="progress"/> hears about the stages; <paramref name="epochs"/> about every epoch of the final fit
/// of a neural trainer (cross-validation folds stay quiet, so a bar runs from 0 to the planned epochs once).</summary>
public sealed class PipelineTrainer(TrainerCatalog? catalog = null, IProgress<string>? progress = null, IProgress<EpochProgress>? epochs = null)
{
    private readonly TrainerCatalog catalog = catalog ?? TrainerCatalog.Default;

    /// <summary>Reads and checks the spec's data (what <c>dlp validate</c> runs).</summary>
    public PreparedData Prepare(LoadedSpec loaded)
    {
        if (loaded.Spec.Data.Streaming) return new StreamingTrainer(progress, epochs).Prepare(loaded).AsPrepared();
        var spec = loaded.Spec;
        if (spec.Task == MlTask.Reinforcement)
            throw new ArgumentException("task reinforcement has no data to read: an agent learns in its environment; train it with ReinforcementTrainer (dlp train does)");
        if (spec.Data.Image is { } image) return PrepareImages(loaded, image);
        var label = spec.Label;
        var split = spec.Data.Split.Column;
        var kinds = new Dictionary<string, ColumnKind>(spec.Data.Columns);
        if (label is not null) kinds[label] = LabelColumn.KindFor(spec.Task);
        if (split is not null) kinds[split] = ColumnKind.Categorical;
        var reserved = new[] { label, split }.OfType<string>().ToList();
        var options = ReadOptions.From(spec.Data) with
        {
            Kinds = kinds,
            Keep = spec.Features?.Concat(reserved).ToHashSet(),
            Required = (spec.Features ?? []).Concat(reserved).ToList(),
        };
        var trainPath = loaded.Resolve(spec.Data.Train);
        progress?.Report($"Reading {trainPath}");
        var train = Label(TableLoader.Load(trainPath, options), spec, null);
        var features = (spec.Features ?? train.Table.Columns.Select(c => c.Name).Where(n => !reserved.Contains(n)).ToList())
            .Select(n => (n, train.Table.Find(n)!.Kind)).ToList();
        if (features.Count == 0)
            throw new DataException(trainPath, 1, null, $"the file has no column besides {string.Join(" and ", reserved.Select(r => $"'{r}'"))} to learn from");

        LabelledTable? test = null;
        if (spec.Data.Test is { } testFile)
        {
            var testPath = loaded.Resolve(testFile);
            progress?.Report($"Reading {testPath}");
            var known = train.Table.Columns.ToDictionary(c => c.Name, c => c.Kind);
            if (label is not null) known[label] = LabelColumn.KindFor(spec.Task);
            var table = TableLoader.Load(testPath, options with { Kinds = known, Keep = known.Keys.ToHashSet(), Required = known.Keys.ToList() });
            test = Label(table, spec, train.Classes);
        }
        return new PreparedData(train, test, features);
    }

    /// <summary>Images (<c>data.image</c>): IDX files with their label files, or CSV files whose feature columns are the
    /// pixels; either way the one feature is the image column.</summary>
    private PreparedData PrepareImages(LoadedSpec loaded, ImageSpec image)
    {
        var spec = loaded.Spec;
        var label = spec.Label;
        var split = spec.Data.Split.Column;
        var reserved = new[] { label, split }.OfType<string>().ToList();
        var kinds = new Dictionary<string, ColumnKind>(spec.Data.Columns);
        if (label is not null) kinds[label] = LabelColumn.KindFor(spec.Task);
        if (split is not null) kinds[split] = ColumnKind.Categorical;
        var options = ReadOptions.From(spec.Data) with { Kinds = kinds, Keep = reserved.ToHashSet(), Required = reserved };

        DataTable Read(string file, string? labelsFile, string key)
        {
            var path = loaded.Resolve(file);
            progress?.Report($"Reading {path}");
            if (IdxFile.Looks(path))
            {
                if (split is not null)
                    throw new SpecException(new SpecError(null, "data.split.column", $"received '{split}', but {path} is an IDX image file, which has no columns; split by test_fraction or give data.test"));
                if (spec.Features is not null)
                    throw new SpecException(new SpecError(null, "features", $"{path} is an IDX image file: its one feature is the image; remove `features`"));
                if (labelsFile is null && spec.Task.IsSupervised())
                    throw new SpecException(new SpecError(null, key, $"required: {path} is an IDX image file, and its labels come from an IDX label file"));
                var labels = labelsFile is null || label is null ? null : loaded.Resolve(labelsFile);
                if (labels is not null) progress?.Report($"Reading {labels}");
                return ImageLoader.LoadIdx(path, labels, image, label);
            }
            if (labelsFile is not null)
                throw new SpecException(new SpecError(null, key, $"received '{labelsFile}', but {path} is not an IDX image file; a CSV's labels come from its `label` column"));
            var pixels = ImageLoader.PixelColumns(path, options, spec.Features, reserved);
            return ImageLoader.LoadCsv(path, image, options, pixels);
        }

        var train = Label(Read(spec.Data.Train, spec.Data.TrainLabels, "data.train_labels"), spec, null);
        LabelledTable? test = spec.Data.Test is { } testFile ? Label(Read(testFile, spec.Data.TestLabels, "data.test_labels"), spec, train.Classes) : null;
        return new PreparedData(train, test, [(image.Column, ColumnKind.Image)]);
    }

    private static LabelledTable Label(DataTable table, PipelineSpec spec, IReadOnlyList<string>? trainClasses) =>
        spec.Task.IsSupervised()
            ? LabelColumn.Prepare(table, spec.Task, spec.Label!, spec.Task.IsClassification() ? trainClasses : null)
            : LabelColumn.PrepareForEvaluation(table, spec.Task, spec.Label, spec.Anomaly.NormalValues);

    /// <summary>Trains and, when <paramref name="outputPath"/> is given, writes the bundle there atomically. With an
    /// output, a neural trainer's final fit checkpoints to <c>&lt;output&gt;.checkpoint</c> (every
    /// <c>checkpoint_every</c> epochs) and the file is deleted once the bundle is written; <paramref name="resume"/>
    /// continues from that file when present.</summary>
    public TrainResult Train(LoadedSpec loaded, string? outputPath, bool resume = false)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var spec = loaded.Spec;
        var definition = catalog.Find(spec.Trainer.Name)!;
        if (spec.Data.Streaming) return new StreamingTrainer(progress, epochs).Train(loaded, definition, outputPath, resume);
        var data = Prepare(loaded);
        var fitter = new PipelineFitter(spec, definition, data.Features);
        var train = data.Train;
        var strata = Strata(spec, train);
        int seed = spec.Data.Split.Seed ?? spec.Seed;
        // Only the final fit checkpoints: a cross-validation fold is cheap to redo next to it and fits other rows.
        var checkpoints = outputPath is not null ? new CheckpointFile(outputPath, spec, train.Table, resume) : null;
        int? resumedFrom = null;
        if (resume && checkpoints is not null)
        {
            // Read (and checked against the spec and data) before cross-validation, so a mismatch fails fast.
            if (checkpoints.Load() is { } found)
            {
                resumedFrom = found.Epoch;
                progress?.Report($"resuming from epoch {found.Epoch} ({checkpoints.Path})");
            }
            else progress?.Report($"no checkpoint at {checkpoints.Path}; training from scratch");
        }

        var (fitOn, testOn) = HoldoutSplit(spec, data);
        // Cross-validation runs over the whole training file (as scikit-learn's cross_val_score), except when a
        // column names the test rows: those stay a true holdout.
        var crossValidationRows = spec.Data.Split.Column is null ? train.Rows : fitOn;
        CrossValidationReport? crossValidation = null;
        if (spec.Evaluate.CrossValidation >= 2)
        {
            var folds = Split(() => Splitter.Folds(crossValidationRows, spec.Evaluate.CrossValidation, strata, seed), "lower evaluate.cross_validation");
            var reports = new List<EvaluationReport>();
            for (int k = 0; k < folds.Length; k++)
            {
                progress?.Report($"Cross-validation fold {k + 1}/{folds.Length}");
                var fitRows = folds.Where((_, j) => j != k).SelectMany(f => f).Order().ToArray();
                reports.Add(Fit(fitter, spec, train, fitRows, seed).Model.Evaluate(train, folds[k]));
            }
            crossValidation = CrossValidationReport.From(reports);
        }

        progress?.Report($"Training {spec.Trainer.Name} on {fitOn.Length} rows");
        var fitted = Fit(fitter, spec, train, fitOn, seed, epochs, checkpoints);
        var neural = fitted.Model.Head as INeuralModel;
        if (neural?.Device is { } device) progress?.Report($"Trained on {device.Name} ({device.Reason})");
        progress?.Report($"Evaluating on {testOn.Length} rows");
        var metrics = fitted.Model.Evaluate(data.Test ?? train, testOn);

        var manifest = new ModelManifest
        {
            Name = spec.Name,
            Task = spec.Task,
            Trainer = spec.Trainer.Name,
            InputSchema = data.Features.Select(f => new InputColumn(f.Name, f.Kind)).ToList(),
            Label = spec.Label,
            Classes = train.Classes.Count > 0 ? train.Classes : null,
            OutputSize = spec.Trainer.Options switch { KMeansOptions k => k.K, PcaOptions p when spec.Task == MlTask.DimensionalityReduction => p.Rank, AutoencoderOptions a when spec.Task == MlTask.DimensionalityReduction => a.CodeSize, _ => null },
            Threshold = spec.Task == MlTask.Anomaly ? fitted.Model.Threshold : null,
            Featurization = fitted.Steps,
            Head = fitted.Model.Head is { } head ? new HeadInfo(head.Kind, HeadInfo.FolderFor(head.Kind)) : null,
            Metrics = metrics,
            CrossValidation = crossValidation,
            TrainingHistory = neural is not null ? TrainingHistoryInfo.From(neural.History) : null,
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
                Device = neural?.Device?.Name ?? "cpu",
                StartedAt = started,
                DurationSeconds = clock.Elapsed.TotalSeconds,
            },
            // The whole training file, not only the fitted rows: drift is judged against the data the job was given.
            Profile = DataProfile.Compute(train.Table, data.Features, spec.Task.IsClassification() ? train : null),
        };
        var model = new PipelineModel(manifest, fitted.Model);
        model.CompileLinear(train.Table);
        var holdout = Holdout.From(data.Test ?? train, testOn, spec.Task, spec.Label);
        if (outputPath is null) return new TrainResult(manifest, null, model, holdout) { TrainingData = train.Table };
        progress?.Report($"Writing {outputPath}");
        var inputSchema = PipelineFitter.InputSchema(train.Table, data.Features.Select(f => f.Name));
        ModelBundle.Write(outputPath, manifest, fitted.Model.Ml, fitted.Model.Chain, inputSchema, fitted.Model.Head, model.Linear);
        // The bundle holds everything the checkpoint did; a later --resume must not continue a finished run.
        checkpoints?.Delete();
        return new TrainResult(manifest, Path.GetFullPath(outputPath), model, holdout) { TrainingData = train.Table, ResumedFromEpoch = resumedFrom };

        T Split<T>(Func<T> split, string hint) => SplitOrExplain(train, split, hint);
    }

    /// <summary>The rows the final model is fitted on and the rows it is tested on, as <see cref="Train"/> chooses
    /// them: the test file's rows, the rows a split column marks, or a seeded (stratified) share of the training file.
    /// Test row numbers index <see cref="PreparedData.Test"/> when there is a test file, else <see cref="PreparedData.Train"/>.</summary>
    public static (int[] Fit, int[] Test) HoldoutSplit(PipelineSpec spec, PreparedData data)
    {
        var train = data.Train;
        if (data.Test is not null) return (train.Rows, data.Test.Rows);
        if (spec.Data.Split.Column is { } column) return SplitByColumn(train, column, spec.Data.Split.TestValues);
        int seed = spec.Data.Split.Seed ?? spec.Seed;
        return SplitOrExplain(train, () => Splitter.TrainTest(train.Rows, spec.Data.Split.TestFraction, Strata(spec, train), seed), "change data.split.test_fraction");
    }

    // Too few rows for the split asked for is a data problem, not an internal error.
    private static T SplitOrExplain<T>(LabelledTable train, Func<T> split, string hint)
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

    /// <summary>Classes to stratify splits and folds by: classification labels, or normal/anomaly.</summary>
    private static int[]? Strata(PipelineSpec spec, LabelledTable train) =>
        spec.Data.Split.Stratify && train.ClassOfRow is { } classes && (spec.Task.IsClassification() || spec.Task == MlTask.Anomaly) ? classes : null;

    /// <summary>Fits, and for anomaly chooses the threshold: the normal training rows are the only ones fitted on
    /// (when asked), and a share of them is held out to set the threshold at the declared false-positive rate.</summary>
    private static FittedPipeline Fit(PipelineFitter fitter, PipelineSpec spec, LabelledTable train, int[] rows, int seed, IProgress<EpochProgress>? epochs = null, ICheckpointStore? checkpoints = null)
    {
        if (spec.Task != MlTask.Anomaly) return fitter.Fit(train, rows, epochs, checkpoints);
        var anomaly = spec.Anomaly;
        if (anomaly.TrainOnNormalOnly && train.ClassOfRow is { } classes)
        {
            rows = rows.Where(r => classes[r] == 0).ToArray();
            if (rows.Length == 0)
                throw new DataException(train.Table.Source, null, $"'{spec.Label}'", $"no training row has a normal label ({string.Join(", ", anomaly.NormalValues)}); check anomaly.normal_values");
        }
        if (anomaly.Threshold is { } fixedThreshold)
        {
            var model = fitter.Fit(train, rows, epochs, checkpoints);
            return model with { Model = model.Model with { Threshold = fixedThreshold } };
        }
        var (fitRows, validation) = Splitter.TrainTest(rows, anomaly.ValidationFraction, null, seed);
        var fitted = fitter.Fit(train, fitRows, epochs, checkpoints);
        var scores = fitted.Model.Score(train.Table.View(validation)).GetColumn<float>("Score").Select(s => (double)s).ToArray();
        var threshold = UnsupervisedEvaluator.Quantile(scores, 1 - anomaly.FalsePositiveRate);
        return fitted with { Model = fitted.Model with { Threshold = threshold } };
    }

    private static (int[] Train, int[] Test) SplitByColumn(LabelledTable data, string column, IReadOnlyList<string> testValues)
    {
        var values = data.Table.Find(column)!.Texts!;
        var marks = testValues.ToHashSet();
        var test = data.Rows.Where(r => values[r] is { } v && marks.Contains(v)).ToArray();
        var train = data.Rows.Where(r => !(values[r] is { } v && marks.Contains(v))).ToArray();
        if (test.Length == 0 || train.Length == 0)
            throw new DataException(data.Table.Source, null, $"'{column}'",
                $"data.split.test_values [{string.Join(", ", testValues)}] select {(test.Length == 0 ? "no test rows" : "every row, leaving no training rows")}; values seen: {string.Join(", ", values.Where(v => v is not null).Distinct().Take(10))}");
        return (train, test);
    }
}
