using DeepLearning.Pipelines.Spec;
using DeepLearning.Trainers.Activations;
using DeepLearning.Trainers.Decomposition;
using DeepLearning.Trainers.Devices;
using DeepLearning.Trainers.Estimators;
using DeepLearning.Trainers.Networks;
using DeepLearning.Trainers.Optimization;
using DeepLearning.Trainers.Training;
using DeepLearning.Trainers.Linear;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace DeepLearning.Pipelines.Trainers;

/// <summary>Every trainer a spec can name, mapped to ML.NET's trainers.</summary>
public sealed class TrainerCatalog : IOptionsCatalog
{
    private readonly Dictionary<string, TrainerDefinition> definitions;

    /// <summary>The built-in catalog.</summary>
    public static TrainerCatalog Default { get; } = new(BuiltIn());

    /// <summary>Creates a catalog of <paramref name="definitions"/>.</summary>
    public TrainerCatalog(IEnumerable<TrainerDefinition> definitions) =>
        this.definitions = definitions.ToDictionary(d => d.Name);

    /// <inheritdoc />
    public IReadOnlyList<string> Names => definitions.Keys.Order().ToList();

    /// <summary>All definitions, by name.</summary>
    public IReadOnlyCollection<TrainerDefinition> All => definitions.Values;

    /// <inheritdoc />
    public Type? OptionsType(string name) => Find(name)?.OptionsType;

    /// <inheritdoc />
    public string Describe(string name) => Find(name)?.Description ?? "";

    /// <summary>The definition named <paramref name="name"/>, or null.</summary>
    public TrainerDefinition? Find(string name) => definitions.GetValueOrDefault(name);

    /// <summary>Trainer names that do <paramref name="task"/>.</summary>
    public IReadOnlyList<string> NamesFor(MlTask task) =>
        definitions.Values.Where(d => d.Factories.ContainsKey(task)).Select(d => d.Name).Order().ToList();

    /// <summary>The column the <c>pca</c> trainer writes its projection to.</summary>
    public const string ProjectionColumn = "Projection";

    private static float F(double value) => (float)value;

    /// <summary>ML.NET's L-BFGS trainers with one thread re-read the (cached) data through a row cursor on every
    /// iteration; with more they copy the rows into memory once and sum the gradient over fixed chunks, in order —
    /// 2–3× faster on small sets (make bench: digits) and still the same result on every run. A constant, not the
    /// core count, so a model does not depend on the machine it was trained on.</summary>
    private const int LbfgsChunks = 2;

    /// <summary>LightGBM's rounds without gain before it stops (0: every round). Early stopping holds out
    /// <c>validation_fraction</c> of the rows, so that share must hold at least one row.</summary>
    private static int LightGbmStoppingRounds(TrainerContext c, LightGbmOptions s)
    {
        int rounds = s.StoppingRoundsFor(c.Rows);
        if (rounds > 0 && c.Rows > 0 && c.Rows * s.ValidationFraction < 1)
            throw new SpecException(new SpecError(null, "trainer.validation_fraction", $"received {s.ValidationFraction}, which holds out no row of the {c.Rows} training rows for early stopping; allowed: a fraction holding at least one row, or early_stopping_rounds: 0"));
        return rounds;
    }

    /// <summary>ML.NET's OneVersusAll is generic in the binary model type, which a spec only names at run time.</summary>
    private static IEstimator<ITransformer> OneVersusAll(TrainerContext c, IEstimator<ITransformer> binary, bool useProbabilities)
    {
        var modelType = binary.GetType().GetInterfaces()
            .First(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ITrainerEstimator<,>))
            .GetGenericArguments()[1];
        var method = typeof(StandardTrainersCatalog).GetMethods()
            .Single(m => m.Name == nameof(StandardTrainersCatalog.OneVersusAll))
            .MakeGenericMethod(modelType);
        return (IEstimator<ITransformer>)method.Invoke(null,
            [c.Ml.MulticlassClassification.Trainers, binary, c.Label, false, null, 1_000_000_000, useProbabilities])!;
    }

    private static DeviceRequest Device(string device)
    {
        try
        {
            return DeviceRequest.Parse(device);
        }
        catch (ArgumentException)
        {
            throw new SpecException(new SpecError(null, "trainer.device", $"received '{device}'; allowed: auto, cpu, cuda, cuda:N"));
        }
    }

    private static NeuralEstimator LinearGd(TrainerContext c, LinearGdOptions s) => new(new NeuralEstimator.Options(NeuralTask.Regression)
    {
        LabelColumnName = c.Label, FeatureColumnName = c.Features,
        StandardizeLabel = s.Standardize,
        // Zeros: the loss is convex, so the start does not matter, and zeros make the run independent of the generator.
        Init = WeightInit.Zeros,
        Training = new()
        {
            Epochs = s.Epochs, BatchSize = s.BatchSize, Shuffle = s.BatchSize != 0, Seed = c.Seed, Device = Device(s.Device),
            CheckpointEvery = s.CheckpointEvery, Checkpoints = c.Checkpoints,
            Optimizer = new(s.Optimizer, s.LearningRate),
        },
    }, c.Progress);

    private static NeuralEstimator Perceptron(TrainerContext c, PerceptronOptions s) => new(new NeuralEstimator.Options(NeuralTask.Binary)
    {
        LabelColumnName = c.Label, FeatureColumnName = c.Features,
        OutputActivation = s.Activation == PerceptronActivation.Tanh ? ActivationKind.Tanh : ActivationKind.Sigmoid,
        Training = new()
        {
            Epochs = s.Epochs, BatchSize = s.BatchSize, Shuffle = s.BatchSize != 0, Seed = c.Seed, Device = Device(s.Device),
            CheckpointEvery = s.CheckpointEvery, Checkpoints = c.Checkpoints,
            Optimizer = new(s.Optimizer, s.LearningRate),
        },
    }, c.Progress);

    private static NeuralEstimator Mlp(TrainerContext c, MlpOptions s, NeuralTask task)
    {
        CheckSizes(s.Hidden, "trainer.hidden");
        return new(new NeuralEstimator.Options(task)
        {
            LabelColumnName = c.Label, FeatureColumnName = c.Features,
            Hidden = s.Hidden,
            Activation = Kind(s.Activation),
            Dropout = s.Dropout,
            Init = s.Init,
            Training = NeuralTraining(c, s),
        }, c.Progress);
    }

    private static AutoencoderEstimator Autoencoder(TrainerContext c, AutoencoderOptions s, AutoencoderOutput output)
    {
        CheckSizes(s.Hidden, "trainer.hidden");
        CheckSizes(s.Filters, "trainer.filters");
        return new(new AutoencoderEstimator.Options
        {
            FeatureColumnName = c.Features, Output = output, EmbeddingColumnName = ProjectionColumn,
            Variant = s.Variant, CodeSize = s.CodeSize, Hidden = s.Hidden, Filters = s.Filters,
            Image = s.Image is { } i ? new ImageShape(i.Channels, i.Height, i.Width) : null,
            Activation = Kind(s.Activation), Dropout = s.Dropout, Init = s.Init,
            Training = NeuralTraining(c, s),
        }, c.Progress);
    }

    /// <summary>The training loop's settings from the keys every layered neural trainer shares.</summary>
    private static TrainingOptions NeuralTraining(TrainerContext c, INeuralTrainingOptions s) => new()
    {
        Epochs = s.Epochs, BatchSize = s.BatchSize, Shuffle = s.Shuffle, Seed = c.Seed, Threads = s.Threads, Device = Device(s.Device),
        Cache = s is { Cache: DataCache.Stream, BatchSize: 0 }
            ? throw new SpecException(new SpecError(null, "trainer.cache", "received stream with batch_size 0; allowed: memory or auto for full-batch training (its one batch is every row), or a batch_size of at least 1"))
            : s.Cache,
        ShuffleBuffer = s.ShuffleBuffer,
        CheckpointEvery = s.CheckpointEvery, Checkpoints = c.Checkpoints,
        ValidationFraction = s.ValidationFraction,
        EarlyStopping = s.EarlyStopping is { } e ? new(e.Patience, e.MinDelta, e.RestoreBest) : null,
        Optimizer = new(s.Optimizer.Name, s.Optimizer.LearningRate, s.Optimizer.WeightDecay, s.Optimizer.Momentum),
        Schedule = new(s.Schedule.Name, s.Schedule.StepSize, s.Schedule.Gamma),
    };

    private static ActivationKind Kind(HiddenActivation activation) => activation switch
    {
        HiddenActivation.LeakyRelu => ActivationKind.LeakyRelu,
        HiddenActivation.Tanh => ActivationKind.Tanh,
        HiddenActivation.Sigmoid => ActivationKind.Sigmoid,
        _ => ActivationKind.Relu,
    };

    /// <summary>Layer sizes must be at least 1 (the binder checks list lengths, not items).</summary>
    private static void CheckSizes(IReadOnlyList<int> sizes, string key)
    {
        int bad = sizes.ToList().FindIndex(units => units < 1);
        if (bad >= 0)
            throw new SpecException(new SpecError(null, $"{key}[{bad}]", $"received {sizes[bad]}; allowed: a layer size of at least 1"));
    }

    private static NeuralEstimator Cnn(TrainerContext c, CnnOptions s, NeuralTask task)
    {
        var image = c.Image ?? throw new SpecException(new SpecError(null, "data.image", "the cnn trainer needs images: declare data.image { channels, height, width }"));
        if (s.Check(image, null) is { Count: > 0 } errors) throw new SpecException(errors);
        CheckSizes(s.Dense, "trainer.dense");
        var blocks = s.Blocks.Select(b => b.ToBlock()).ToArray();
        return new(new NeuralEstimator.Options(task)
        {
            LabelColumnName = c.Label, FeatureColumnName = c.Features,
            Architecture = (inputs, outputs) => inputs == image.Size
                ? new ConvolutionalArchitecture(image.Channels, image.Height, image.Width, blocks, s.Dense.ToArray(), outputs,
                    Kind(s.Activation), ActivationKind.Identity, s.Dropout, s.Init, LeakyRelu.DefaultSlope, s.Shift)
                : throw new SpecException(new SpecError(null, "features", $"the cnn reads one image of {image.Shape} = {image.Size} values per row, but the features hold {inputs}; with data.image the only feature is the image")),
            Training = NeuralTraining(c, s),
        }, c.Progress);
    }

    private static IEnumerable<TrainerDefinition> BuiltIn()
    {
        yield return new("ols", "Ordinary least squares (closed form).", typeof(OlsOptions), new Dictionary<MlTask, Func<TrainerContext, object, IEstimator<ITransformer>>>
        {
            [MlTask.Regression] = (c, o) => c.Ml.Regression.Trainers.OrdinaryLeastSquares(c.Label, c.Features, ((OlsOptions)o).L2),
        }, Scaling: FeatureScaling.None, HandlesMissing: false);

        yield return new("sdca", "Linear regression by stochastic dual coordinate ascent.", typeof(SdcaOptions), new Dictionary<MlTask, Func<TrainerContext, object, IEstimator<ITransformer>>>
        {
            [MlTask.Regression] = (c, o) => { var s = (SdcaOptions)o; return c.Ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options
            { LabelColumnName = c.Label, FeatureColumnName = c.Features, L1Regularization = (float?)s.L1, L2Regularization = (float?)s.L2, MaximumNumberOfIterations = s.MaxIterations, ConvergenceTolerance = F(s.ConvergenceTolerance), NumberOfThreads = s.Threads }); },
        }, Scaling: FeatureScaling.MeanVariance, HandlesMissing: false);

        yield return new("sdca_logistic", "Logistic regression by stochastic dual coordinate ascent.", typeof(SdcaOptions), new Dictionary<MlTask, Func<TrainerContext, object, IEstimator<ITransformer>>>
        {
            [MlTask.Binary] = (c, o) => { var s = (SdcaOptions)o; return c.Ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options
            { LabelColumnName = c.Label, FeatureColumnName = c.Features, L1Regularization = (float?)s.L1, L2Regularization = (float?)s.L2, MaximumNumberOfIterations = s.MaxIterations, ConvergenceTolerance = F(s.ConvergenceTolerance), NumberOfThreads = s.Threads }); },
        }, Scaling: FeatureScaling.MeanVariance, HandlesMissing: false);

        yield return new("sdca_maximum_entropy", "Multinomial logistic regression by stochastic dual coordinate ascent.", typeof(SdcaOptions), new Dictionary<MlTask, Func<TrainerContext, object, IEstimator<ITransformer>>>
        {
            [MlTask.Multiclass] = (c, o) => { var s = (SdcaOptions)o; return c.Ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
            { LabelColumnName = c.Label, FeatureColumnName = c.Features, L1Regularization = (float?)s.L1, L2Regularization = (float?)s.L2, MaximumNumberOfIterations = s.MaxIterations, ConvergenceTolerance = F(s.ConvergenceTolerance), NumberOfThreads = s.Threads }); },
        }, Scaling: FeatureScaling.MeanVariance, HandlesMissing: false);

        yield return new("logistic", "Logistic regression by L-BFGS.", typeof(LbfgsOptions), new Dictionary<MlTask, Func<TrainerContext, object, IEstimator<ITransformer>>>
        {
            [MlTask.Binary] = (c, o) => { var s = (LbfgsOptions)o; return c.Ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            { LabelColumnName = c.Label, FeatureColumnName = c.Features, L1Regularization = F(s.L1), L2Regularization = F(s.L2), OptimizationTolerance = F(s.OptimizationTolerance), HistorySize = s.HistorySize, MaximumNumberOfIterations = s.MaxIterations ?? int.MaxValue, NumberOfThreads = LbfgsChunks }); },
        }, Scaling: FeatureScaling.MeanVariance, HandlesMissing: false);

        yield return new("maximum_entropy", "Multinomial logistic regression (maximum entropy) by L-BFGS (OWL-QN with l1), on the rows held in memory.", typeof(LbfgsOptions), new Dictionary<MlTask, Func<TrainerContext, object, IEstimator<ITransformer>>>
        {
            [MlTask.Multiclass] = (c, o) => { var s = (LbfgsOptions)o; return c.Ml.MulticlassClassification.Trainers.SoftmaxRegression(c.Label, c.Features, new SoftmaxRegressionEstimator.Options
            { L1 = s.L1, L2 = s.L2, Tolerance = s.OptimizationTolerance, History = s.HistorySize, MaxIterations = s.MaxIterations ?? int.MaxValue }); },
        }, Scaling: FeatureScaling.MeanVariance, HandlesMissing: false, HoldsRows: true);

        yield return new("poisson", "Poisson regression by L-BFGS (for counts: the label must be ≥ 0).", typeof(LbfgsOptions), new Dictionary<MlTask, Func<TrainerContext, object, IEstimator<ITransformer>>>
        {
            [MlTask.Regression] = (c, o) => { var s = (LbfgsOptions)o; return c.Ml.Regression.Trainers.LbfgsPoissonRegression(new LbfgsPoissonRegressionTrainer.Options
            { LabelColumnName = c.Label, FeatureColumnName = c.Features, L1Regularization = F(s.L1), L2Regularization = F(s.L2), OptimizationTolerance = F(s.OptimizationTolerance), HistorySize = s.HistorySize, MaximumNumberOfIterations = s.MaxIterations ?? int.MaxValue, NumberOfThreads = LbfgsChunks }); },
        }, Scaling: FeatureScaling.MeanVariance, HandlesMissing: false);

        yield return new("online_gradient_descent", "Linear regression by online (stochastic) gradient descent.", typeof(OnlineGradientDescentOptions), new Dictionary<MlTask, Func<TrainerContext, object, IEstimator<ITransformer>>>
        {
            [MlTask.Regression] = (c, o) => { var s = (OnlineGradientDescentOptions)o; return c.Ml.Regression.Trainers.OnlineGradientDescent(new OnlineGradientDescentTrainer.Options
            { LabelColumnName = c.Label, FeatureColumnName = c.Features, LearningRate = F(s.LearningRate), DecreaseLearningRate = s.DecreaseLearningRate, L2Regularization = F(s.L2), NumberOfIterations = s.Epochs }); },
        }, Scaling: FeatureScaling.MeanVariance, HandlesMissing: false);

        yield return new("averaged_perceptron", "Averaged perceptron (linear, hinge loss).", typeof(AveragedPerceptronOptions), new Dictionary<MlTask, Func<TrainerContext, object, IEstimator<ITransformer>>>
        {
            [MlTask.Binary] = (c, o) => { var s = (AveragedPerceptronOptions)o; return c.Ml.BinaryClassification.Trainers.AveragedPerceptron(new AveragedPerceptronTrainer.Options
            { LabelColumnName = c.Label, FeatureColumnName = c.Features, LearningRate = F(s.LearningRate), DecreaseLearningRate = s.DecreaseLearningRate, L2Regularization = F(s.L2), NumberOfIterations = s.Epochs }); },
        }, Scaling: FeatureScaling.MeanVariance, HandlesMissing: false, Calibrated: false);

        yield return new("linear_svm", "Linear support-vector machine (Pegasos).", typeof(LinearSvmOptions), new Dictionary<MlTask, Func<TrainerContext, object, IEstimator<ITransformer>>>
        {
            [MlTask.Binary] = (c, o) => { var s = (LinearSvmOptions)o; return c.Ml.BinaryClassification.Trainers.LinearSvm(new LinearSvmTrainer.Options
            { LabelColumnName = c.Label, FeatureColumnName = c.Features, Lambda = F(s.Lambda), NumberOfIterations = s.Epochs }); },
        }, Scaling: FeatureScaling.MeanVariance, HandlesMissing: false, Calibrated: false);

        yield return new("fasttree", "Gradient-boosted decision trees (FastTree); binary and regression only, and about 2× slower to fit than lightgbm (make bench).", typeof(FastTreeOptions), new Dictionary<MlTask, Func<TrainerContext, object, IEstimator<ITransformer>>>
        {
            [MlTask.Regression] = (c, o) => { var s = (FastTreeOptions)o; return c.Ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
            { LabelColumnName = c.Label, FeatureColumnName = c.Features, NumberOfTrees = s.Trees, NumberOfLeaves = s.Leaves, MinimumExampleCountPerLeaf = s.MinRowsPerLeaf, LearningRate = s.LearningRate, Seed = c.Seed }); },
            [MlTask.Binary] = (c, o) => { var s = (FastTreeOptions)o; return c.Ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
            { LabelColumnName = c.Label, FeatureColumnName = c.Features, NumberOfTrees = s.Trees, NumberOfLeaves = s.Leaves, MinimumExampleCountPerLeaf = s.MinRowsPerLeaf, LearningRate = s.LearningRate, Seed = c.Seed }); },
        }, Scaling: FeatureScaling.None, HandlesMissing: true);

        yield return new("fastforest", "Random forest of decision trees (FastForest).", typeof(FastForestOptions), new Dictionary<MlTask, Func<TrainerContext, object, IEstimator<ITransformer>>>
        {
            [MlTask.Regression] = (c, o) => { var s = (FastForestOptions)o; return c.Ml.Regression.Trainers.FastForest(new FastForestRegressionTrainer.Options
            { LabelColumnName = c.Label, FeatureColumnName = c.Features, NumberOfTrees = s.Trees, NumberOfLeaves = s.Leaves, MinimumExampleCountPerLeaf = s.MinRowsPerLeaf, Seed = c.Seed }); },
            [MlTask.Binary] = (c, o) => { var s = (FastForestOptions)o; return c.Ml.BinaryClassification.Trainers.FastForest(new FastForestBinaryTrainer.Options
            { LabelColumnName = c.Label, FeatureColumnName = c.Features, NumberOfTrees = s.Trees, NumberOfLeaves = s.Leaves, MinimumExampleCountPerLeaf = s.MinRowsPerLeaf, Seed = c.Seed }); },
        }, Scaling: FeatureScaling.None, HandlesMissing: true, Calibrated: false);

        yield return new("lightgbm", "Gradient-boosted decision trees (LightGBM): the recommended tree learner (every supervised task; the fastest fit in make bench).", typeof(LightGbmOptions), new Dictionary<MlTask, Func<TrainerContext, object, IEstimator<ITransformer>>>
        {
            [MlTask.Regression] = (c, o) => { var s = (LightGbmOptions)o; int stop = LightGbmStoppingRounds(c, s);
                var trainer = c.Ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
                { LabelColumnName = c.Label, FeatureColumnName = c.Features, NumberOfIterations = s.Iterations, NumberOfLeaves = s.Leaves, MinimumExampleCountPerLeaf = s.MinRowsPerLeaf, LearningRate = s.LearningRate, Seed = c.Seed, NumberOfThreads = 1, Silent = true,
                  EarlyStoppingRound = stop, EvaluationMetric = stop > 0 ? LightGbmRegressionTrainer.Options.EvaluateMetricType.MeanSquaredError : LightGbmRegressionTrainer.Options.EvaluateMetricType.Default });
                return stop > 0 ? new HoldoutFitEstimator(c.Ml, trainer, trainer.Fit, s.ValidationFraction, c.Seed) : trainer; },
            [MlTask.Binary] = (c, o) => { var s = (LightGbmOptions)o; int stop = LightGbmStoppingRounds(c, s);
                var trainer = c.Ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
                { LabelColumnName = c.Label, FeatureColumnName = c.Features, NumberOfIterations = s.Iterations, NumberOfLeaves = s.Leaves, MinimumExampleCountPerLeaf = s.MinRowsPerLeaf, LearningRate = s.LearningRate, Seed = c.Seed, NumberOfThreads = 1, Silent = true,
                  EarlyStoppingRound = stop, EvaluationMetric = stop > 0 ? LightGbmBinaryTrainer.Options.EvaluateMetricType.Error : LightGbmBinaryTrainer.Options.EvaluateMetricType.Default });
                return stop > 0 ? new HoldoutFitEstimator(c.Ml, trainer, trainer.Fit, s.ValidationFraction, c.Seed) : trainer; },
            [MlTask.Multiclass] = (c, o) => { var s = (LightGbmOptions)o; int stop = LightGbmStoppingRounds(c, s);
                var trainer = c.Ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
                { LabelColumnName = c.Label, FeatureColumnName = c.Features, NumberOfIterations = s.Iterations, NumberOfLeaves = s.Leaves, MinimumExampleCountPerLeaf = s.MinRowsPerLeaf, LearningRate = s.LearningRate, Seed = c.Seed, NumberOfThreads = 1, Silent = true,
                  EarlyStoppingRound = stop, EvaluationMetric = stop > 0 ? LightGbmMulticlassTrainer.Options.EvaluateMetricType.Error : LightGbmMulticlassTrainer.Options.EvaluateMetricType.Default });
                return stop > 0 ? new HoldoutFitEstimator(c.Ml, trainer, trainer.Fit, s.ValidationFraction, c.Seed) : trainer; },
        }, Scaling: FeatureScaling.None, HandlesMissing: true);

        yield return new("gam", "Generalised additive model of boosted one-feature trees.", typeof(GamOptions), new Dictionary<MlTask, Func<TrainerContext, object, IEstimator<ITransformer>>>
        {
            [MlTask.Regression] = (c, o) => { var s = (GamOptions)o; return c.Ml.Regression.Trainers.Gam(new GamRegressionTrainer.Options
            { LabelColumnName = c.Label, FeatureColumnName = c.Features, NumberOfIterations = s.Iterations, MaximumBinCountPerFeature = s.MaxBins, LearningRate = s.LearningRate, Seed = c.Seed }); },
            [MlTask.Binary] = (c, o) => { var s = (GamOptions)o; return c.Ml.BinaryClassification.Trainers.Gam(new GamBinaryTrainer.Options
            { LabelColumnName = c.Label, FeatureColumnName = c.Features, NumberOfIterations = s.Iterations, MaximumBinCountPerFeature = s.MaxBins, LearningRate = s.LearningRate, Seed = c.Seed }); },
        }, Scaling: FeatureScaling.None, HandlesMissing: true);

        yield return new("naive_bayes", "Naive Bayes over binary features: a feature counts as present when > 0 (numeric features are centred first).", typeof(NoOptions), new Dictionary<MlTask, Func<TrainerContext, object, IEstimator<ITransformer>>>
        {
            [MlTask.Multiclass] = (c, _) => c.Ml.MulticlassClassification.Trainers.NaiveBayes(c.Label, c.Features),
        }, Scaling: FeatureScaling.Centered, HandlesMissing: false);

        yield return new("one_versus_all", "One binary model per class over a binary trainer; the most confident wins.", typeof(OneVersusAllOptions), new Dictionary<MlTask, Func<TrainerContext, object, IEstimator<ITransformer>>>
        {
            [MlTask.Multiclass] = (c, o) =>
            {
                var s = (OneVersusAllOptions)o;
                var inner = Default.Find(s.Binary.Name)!.Factories[MlTask.Binary](c, s.Binary.Options);
                return OneVersusAll(c, inner, s.UseProbabilities);
            },
        }, Scaling: FeatureScaling.MeanVariance, HandlesMissing: false);
        // Neural trainers get centred and scaled features: gradient descent's stable learning rate is set by the
        // largest eigenvalue of XᵀX/n, which uncentred features (ML.NET's mean-variance keeps zero fixed) inflate by
        // the squared means, so a rate that converges on standardised data diverges on merely scaled data.
        yield return new("linear_gd", "Linear regression by gradient descent: one linear layer, no activation (TorchSharp).", typeof(LinearGdOptions), new Dictionary<MlTask, Func<TrainerContext, object, IEstimator<ITransformer>>>
        {
            [MlTask.Regression] = (c, o) => LinearGd(c, (LinearGdOptions)o),
        }, Scaling: FeatureScaling.Centered, HandlesMissing: false,
            ScalingOf: o => ((LinearGdOptions)o).Standardize ? FeatureScaling.Centered : FeatureScaling.None);

        yield return new("perceptron", "Perceptron: one linear layer and a sigmoid or tanh output (TorchSharp).", typeof(PerceptronOptions), new Dictionary<MlTask, Func<TrainerContext, object, IEstimator<ITransformer>>>
        {
            [MlTask.Binary] = (c, o) => Perceptron(c, (PerceptronOptions)o),
        }, Scaling: FeatureScaling.Centered, HandlesMissing: false);

        yield return new("mlp", "Multilayer perceptron: fully connected hidden layers (TorchSharp).", typeof(MlpOptions), new Dictionary<MlTask, Func<TrainerContext, object, IEstimator<ITransformer>>>
        {
            [MlTask.Regression] = (c, o) => Mlp(c, (MlpOptions)o, NeuralTask.Regression),
            [MlTask.Binary] = (c, o) => Mlp(c, (MlpOptions)o, NeuralTask.Binary),
            [MlTask.Multiclass] = (c, o) => Mlp(c, (MlpOptions)o, NeuralTask.Multiclass),
        }, Scaling: FeatureScaling.Centered, HandlesMissing: false);

        // Images come scaled as data.image says, as one vector: nothing to normalise per pixel.
        yield return new("cnn", "Convolutional network for images (data.image): convolution blocks, then a dense head (TorchSharp).", typeof(CnnOptions), new Dictionary<MlTask, Func<TrainerContext, object, IEstimator<ITransformer>>>
        {
            [MlTask.Binary] = (c, o) => Cnn(c, (CnnOptions)o, NeuralTask.Binary),
            [MlTask.Multiclass] = (c, o) => Cnn(c, (CnnOptions)o, NeuralTask.Multiclass),
        }, Scaling: FeatureScaling.None, HandlesMissing: false);

        yield return new("kmeans", "k-means clustering: k centroids, each row to the nearest.", typeof(KMeansOptions), new Dictionary<MlTask, Func<TrainerContext, object, IEstimator<ITransformer>>>
        {
            [MlTask.Clustering] = (c, o) => { var s = (KMeansOptions)o; return c.Ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options
            {
                FeatureColumnName = c.Features, NumberOfClusters = s.K, MaximumNumberOfIterations = s.MaxIterations, OptimizationTolerance = F(s.Tolerance), NumberOfThreads = 1,
                InitializationAlgorithm = s.Init switch
                {
                    KMeansInit.Random => KMeansTrainer.InitializationAlgorithm.Random,
                    KMeansInit.Yinyang => KMeansTrainer.InitializationAlgorithm.KMeansYinyang,
                    _ => KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
                },
            }); },
        }, Scaling: FeatureScaling.None, HandlesMissing: false);

        yield return new("pca", "Principal component analysis: project rows onto the top `rank` directions of variance.", typeof(PcaOptions), new Dictionary<MlTask, Func<TrainerContext, object, IEstimator<ITransformer>>>
        {
            [MlTask.DimensionalityReduction] = (c, o) => { var s = (PcaOptions)o; return c.Ml.Transforms.ProjectToPrincipalComponents(
                ProjectionColumn, c.Features, rank: s.Rank, overSampling: s.Oversampling, ensureZeroMean: s.Center, seed: c.Seed); },
        }, Scaling: FeatureScaling.None, HandlesMissing: false);

        yield return new("autoencoder", "Autoencoder: an encoder squeezes each row into `code_size` values and a decoder rebuilds it; the code is the embedding (dimensionality_reduction), the reconstruction error the anomaly score (TorchSharp).", typeof(AutoencoderOptions), new Dictionary<MlTask, Func<TrainerContext, object, IEstimator<ITransformer>>>
        {
            [MlTask.DimensionalityReduction] = (c, o) => Autoencoder(c, (AutoencoderOptions)o, AutoencoderOutput.Embedding),
            [MlTask.Anomaly] = (c, o) => Autoencoder(c, (AutoencoderOptions)o, AutoencoderOutput.AnomalyScore),
        }, Scaling: FeatureScaling.Centered, HandlesMissing: false);

        yield return new("randomized_pca", "Anomaly score = squared distance of a (standardised) row from the top `rank` principal components of normal rows (randomized subspace iteration).", typeof(PcaOptions), new Dictionary<MlTask, Func<TrainerContext, object, IEstimator<ITransformer>>>
        {
            [MlTask.Anomaly] = (c, o) => { var s = (PcaOptions)o; return new PcaAnomalyEstimator(c.Features, s.Rank, s.Oversampling, s.Center, c.Seed); },
        }, Scaling: FeatureScaling.Centered, HandlesMissing: false);
    }
}
