using System.Diagnostics;
using DeepLearning.Pipelines.Bundle;
using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Drift;
using DeepLearning.Pipelines.Prediction;
using DeepLearning.Pipelines.Spec;
using DeepLearning.Pipelines.Trainers;
using DeepLearning.Trainers.Estimators;
using DeepLearning.Trainers.Training;
using Microsoft.ML;

namespace DeepLearning.Pipelines.Running;

/// <summary>The data of a streamed spec: the training file (and test file) scanned, not loaded.</summary>
/// <param name="Train">The training file.</param>
/// <param name="Test">A separate test file, or null when test rows are hashed out of <paramref name="Train"/>.</param>
/// <param name="Features">Feature columns and kinds.</param>
internal sealed record StreamedData(StreamedFile Train, StreamedFile? Test, IReadOnlyList<(string Name, ColumnKind Kind)> Features)
{
    /// <summary>As <see cref="PreparedData"/>: the bounded samples stand in for the tables (for plots, reports and
    /// <c>dlp validate</c>); <see cref="PreparedData.StreamedRows"/> holds the true count.</summary>
    public PreparedData AsPrepared() => new(Train.Sample, Test?.Sample, Features) { StreamedRows = Train.LabelledRows };
}

/// <summary><see cref="PipelineTrainer"/> for <c>data.streaming: true</c>: one scan checks the whole file and learns
/// its classes, summaries and a bounded sample; the featurizer and the trainer are then fitted on a view that
/// re-reads the file on every pass, the test rows are evaluated streamed, and the bundle is written as usual. Memory
/// stays bounded by the sample, the model and the trainer's own state, not by the file.</summary>
internal sealed class StreamingTrainer(IProgress<string>? progress, IProgress<EpochProgress>? epochs)
{
    public StreamedData Prepare(LoadedSpec loaded)
    {
        var spec = loaded.Spec;
        var label = spec.Label!;
        var split = spec.Data.Split.Column;
        var kinds = new Dictionary<string, ColumnKind>(spec.Data.Columns) { [label] = LabelColumn.KindFor(spec.Task) };
        if (split is not null) kinds[split] = ColumnKind.Categorical;
        var reserved = new[] { label, split }.OfType<string>().ToList();
        var options = ReadOptions.From(spec.Data) with
        {
            Kinds = kinds,
            Keep = spec.Features?.Concat(reserved).ToHashSet(),
            Required = (spec.Features ?? []).Concat(reserved).ToList(),
        };
        var trainPath = loaded.Resolve(spec.Data.Train);
        int seed = spec.Data.Split.Seed ?? spec.Seed;
        // The split column's position is only known once the header is read; a hash split needs nothing of the file.
        var names = TableLoader.ReadHeader(trainPath, DataSource.Separator(spec.Data.Separator, trainPath), spec.Data.Header);
        var rowSplit = spec.Data.Test is not null ? StreamSplit.None
            : split is not null ? StreamSplit.ByColumn(names.ToList().IndexOf(split), spec.Data.Split.TestValues)
            : StreamSplit.Hash(spec.Data.Split.TestFraction, seed);
        progress?.Report($"Scanning {trainPath} (streaming)");
        var train = StreamingScan.Scan(trainPath, options, label, spec.Task, rowSplit, seed);
        var features = (spec.Features ?? train.Layout.Kept.Select(i => train.Layout.Names[i]).Where(n => !reserved.Contains(n)).ToList())
            .Select(n => (n, train.Layout.Kinds[train.Layout.Names.ToList().IndexOf(n)])).ToList();
        if (features.Count == 0)
            throw new DataException(trainPath, 1, null, $"the file has no column besides {string.Join(" and ", reserved.Select(r => $"'{r}'"))} to learn from");
        if (split is not null && (train.TestRows == 0 || train.TrainRows == 0))
            throw new DataException(trainPath, null, $"'{split}'", $"data.split.test_values [{string.Join(", ", spec.Data.Split.TestValues)}] select {(train.TestRows == 0 ? "no test rows" : "every row, leaving no training rows")}");
        if (split is null && spec.Data.Test is null && (train.TestRows == 0 || train.TrainRows == 0))
            throw new DataException(trainPath, null, null, $"{train.LabelledRows} row(s) are too few to hold out a test fraction of {spec.Data.Split.TestFraction}; change data.split.test_fraction or give more rows");

        StreamedFile? test = null;
        if (spec.Data.Test is { } testFile)
        {
            var testPath = loaded.Resolve(testFile);
            progress?.Report($"Scanning {testPath} (streaming)");
            var known = train.Layout.Kept.ToDictionary(i => train.Layout.Names[i], i => train.Layout.Kinds[i]);
            known[label] = LabelColumn.KindFor(spec.Task);
            // Every row of a test file is a test row.
            test = StreamingScan.Scan(testPath, options with { Kinds = known, Keep = known.Keys.ToHashSet(), Required = known.Keys.ToList() },
                label, spec.Task, StreamSplit.Hash(1.0, seed), seed, spec.Task.IsClassification() ? train.Label.Classes : null);
        }
        return new StreamedData(train, test, features);
    }

    public TrainResult Train(LoadedSpec loaded, TrainerDefinition definition, string? outputPath, bool resume)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var spec = loaded.Spec;
        var data = Prepare(loaded);
        var train = data.Train;
        var classes = train.Label.Classes;
        var checkpoints = outputPath is not null ? new CheckpointFile(outputPath, spec, train.Sample.Table, resume) : null;
        int? resumedFrom = null;
        if (resume && checkpoints is not null)
        {
            if (checkpoints.Load() is { } found)
            {
                resumedFrom = found.Epoch;
                progress?.Report($"resuming from epoch {found.Epoch} ({checkpoints.Path})");
            }
            else progress?.Report($"no checkpoint at {checkpoints.Path}; training from scratch");
        }

        var fitter = new PipelineFitter(spec, definition, data.Features);
        progress?.Report($"Training {spec.Trainer.Name} on {train.TrainRows} rows (streamed from {train.Layout.Path})");
        var fitted = fitter.Fit(train.TrainView(), train.TrainRows, classes, cache: false, epochs, checkpoints);
        var neural = fitted.Model.Head as NeuralTransformer;
        if (neural?.Device is { } device) progress?.Report($"Trained on {device.Name} ({device.Reason})");
        var testFile = data.Test ?? train;
        long testRows = data.Test?.LabelledRows ?? train.TestRows;
        progress?.Report($"Evaluating on {testRows} rows (streamed)");
        var metrics = fitted.Model.Evaluate(data.Test?.View() ?? train.TestView());

        var manifest = new ModelManifest
        {
            Name = spec.Name,
            Task = spec.Task,
            Trainer = spec.Trainer.Name,
            InputSchema = data.Features.Select(f => new InputColumn(f.Name, f.Kind)).ToList(),
            Label = spec.Label,
            Classes = classes.Count > 0 ? classes : null,
            Featurization = fitted.Steps,
            Head = fitted.Model.Head is { } head ? new HeadInfo(head.Kind, $"heads/{head.Kind}.json") : null,
            Metrics = metrics,
            TrainingHistory = neural is not null ? TrainingHistoryInfo.From(neural.History) : null,
            Provenance = new Provenance
            {
                Spec = SpecWriter.Write(spec)!,
                SpecPath = Path.GetFullPath(loaded.Path),
                TrainData = new DataFileInfo(train.Layout.Path, train.Sha256, Count(train.Rows)),
                TestData = data.Test is { } t ? new DataFileInfo(t.Layout.Path, t.Sha256, Count(t.Rows)) : null,
                TrainRows = Count(train.TrainRows),
                TestRows = Count(testRows),
                Seed = spec.Seed,
                Versions = VersionInfo.Libraries(),
                Device = neural?.Device?.Name ?? "cpu",
                StartedAt = started,
                DurationSeconds = clock.Elapsed.TotalSeconds,
            },
            Profile = Profile(train, data.Features, spec.Task),
        };
        var model = new PipelineModel(manifest, fitted.Model);
        model.CompileLinear(train.Sample.Table);
        // A uniform sample of the test rows (bounded): what plots, reports and drift checks get in memory.
        var sampleTest = data.Test is { } separate
            ? Enumerable.Range(0, separate.Sample.Table.RowCount).ToArray()
            : Enumerable.Range(0, train.SampleIsTest.Length).Where(i => train.SampleIsTest[i]).ToArray();
        var holdout = Holdout.From(data.Test?.Sample ?? train.Sample, sampleTest, spec.Task, spec.Label);
        if (outputPath is null) return new TrainResult(manifest, null, model, holdout) { TrainingData = train.Sample.Table };
        progress?.Report($"Writing {outputPath}");
        var schema = train.TrainView().Schema;
        var builder = new DataViewSchema.Builder();
        foreach (var f in data.Features) builder.AddColumn(f.Name, schema[f.Name].Type);
        ModelBundle.Write(outputPath, manifest, fitted.Model.Ml, fitted.Model.Chain, builder.ToSchema(), fitted.Model.Head, model.Linear);
        checkpoints?.Delete();
        return new TrainResult(manifest, Path.GetFullPath(outputPath), model, holdout) { TrainingData = train.Sample.Table, ResumedFromEpoch = resumedFrom };

        int Count(long n) => n <= int.MaxValue ? (int)n
            : throw new DataException(testFile.Layout.Path, null, null, $"{n} rows: more than a manifest records ({int.MaxValue}); split the file");
    }

    /// <summary>The data profile from one streaming pass: exact row count, missing rates, minimum, maximum, mean,
    /// standard deviation and class shares; deciles, bin shares and category shares from the uniform sample.</summary>
    internal static DataProfile Profile(StreamedFile file, IReadOnlyList<(string Name, ColumnKind Kind)> features, MlTask task)
    {
        var fromSample = DataProfile.Compute(file.Sample.Table, features);
        var columns = fromSample.Columns.Select(c =>
        {
            if (!file.Numbers.TryGetValue(c.Name, out var s)) return c with { Count = (int)Math.Min(int.MaxValue, file.Rows - (long)Math.Round(c.MissingRate * file.Rows)) };
            var exact = c with { Count = (int)Math.Min(int.MaxValue, s.Count), MissingRate = file.Rows == 0 ? 0 : (double)s.MissingCount / file.Rows };
            return s.Count == 0 ? exact : exact with { Min = s.Min, Max = s.Max, Mean = s.Mean, Std = s.Std };
        }).ToList();
        IReadOnlyDictionary<string, double>? classes = null;
        if (task.IsClassification())
        {
            double total = Math.Max(1, file.ClassCounts.Sum());
            classes = file.Label.Classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => file.ClassCounts[x.i] / total);
        }
        return new DataProfile { Rows = (int)Math.Min(int.MaxValue, file.Rows), Columns = columns, LabelClasses = classes };
    }
}
