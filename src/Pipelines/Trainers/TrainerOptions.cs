using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Trainers;

// Options records of the ML.NET trainers, one per family. Defaults follow ML.NET's own unless a comment says why.

/// <summary>Options of a trainer that has none.</summary>
public sealed record NoOptions;

/// <summary>Ordinary least squares.</summary>
public sealed record OlsOptions
{
    /// <summary>L2.</summary>
    [Option("L2 regularisation weight (a tiny ridge keeps the normal equations well-conditioned).", Min = 0)]
    public double L2 { get; init; } = 1e-6;
}

/// <summary>Stochastic dual coordinate ascent (sdca, sdca_logistic, sdca_maximum_entropy).</summary>
public sealed record SdcaOptions
{
    /// <summary>L1.</summary>
    [Option("L1 regularisation weight; omitted: chosen from the data.", Min = 0)]
    public double? L1 { get; init; }

    /// <summary>L2.</summary>
    [Option("L2 regularisation weight; omitted: chosen from the data.", Min = 0, ExclusiveMin = true)]
    public double? L2 { get; init; }

    /// <summary>Passes.</summary>
    [Option("Maximum passes over the data; omitted: chosen from the data.", Min = 1)]
    public int? MaxIterations { get; init; }

    /// <summary>Tolerance.</summary>
    [Option("Stop when the duality gap falls below this.", Min = 0, ExclusiveMin = true)]
    public double ConvergenceTolerance { get; init; } = 0.01;

    /// <summary>Threads.</summary>
    [Option("Threads; 1 keeps results identical from run to run (more threads update weights in a racy order).", Min = 1)]
    public int Threads { get; init; } = 1;
}

/// <summary>L-BFGS (logistic, maximum_entropy, poisson).</summary>
public sealed record LbfgsOptions
{
    /// <summary>L1.</summary>
    [Option("L1 regularisation weight.", Min = 0)]
    public double L1 { get; init; } = 1;

    /// <summary>L2.</summary>
    [Option("L2 regularisation weight.", Min = 0)]
    public double L2 { get; init; } = 1;

    /// <summary>Tolerance.</summary>
    [Option("Stop when the relative improvement falls below this.", Min = 0, ExclusiveMin = true)]
    public double OptimizationTolerance { get; init; } = 1e-7;

    /// <summary>History.</summary>
    [Option("Number of past gradients kept to approximate the Hessian.", Min = 1)]
    public int HistorySize { get; init; } = 20;

    /// <summary>Iterations.</summary>
    [Option("Maximum iterations; omitted: until converged.", Min = 1)]
    public int? MaxIterations { get; init; }
}

/// <summary>Online gradient descent.</summary>
public sealed record OnlineGradientDescentOptions
{
    /// <summary>α.</summary>
    [Option("Learning rate α.", Min = 0, ExclusiveMin = true)]
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Decay.</summary>
    [Option("Shrink the learning rate as training goes on.")]
    public bool DecreaseLearningRate { get; init; } = true;

    /// <summary>L2.</summary>
    [Option("L2 regularisation weight.", Min = 0)]
    public double L2 { get; init; }

    /// <summary>Passes.</summary>
    [Option("Passes over the data.", Min = 1)]
    public int Epochs { get; init; } = 10;
}

/// <summary>Averaged perceptron.</summary>
public sealed record AveragedPerceptronOptions
{
    /// <summary>α.</summary>
    [Option("Learning rate α.", Min = 0, ExclusiveMin = true)]
    public double LearningRate { get; init; } = 1;

    /// <summary>Decay.</summary>
    [Option("Shrink the learning rate as training goes on.")]
    public bool DecreaseLearningRate { get; init; }

    /// <summary>L2.</summary>
    [Option("L2 regularisation weight.", Min = 0)]
    public double L2 { get; init; }

    /// <summary>Passes.</summary>
    [Option("Passes over the data.", Min = 1)]
    public int Epochs { get; init; } = 10;
}

/// <summary>Linear SVM (Pegasos).</summary>
public sealed record LinearSvmOptions
{
    /// <summary>λ.</summary>
    [Option("Regulariser weight λ.", Min = 0, ExclusiveMin = true)]
    public double Lambda { get; init; } = 0.001;

    /// <summary>Passes.</summary>
    [Option("Passes over the data.", Min = 1)]
    public int Epochs { get; init; } = 10;
}

/// <summary>Boosted trees (fasttree).</summary>
public sealed record FastTreeOptions
{
    /// <summary>Trees.</summary>
    [Option("Number of trees.", Min = 1)]
    public int Trees { get; init; } = 100;

    /// <summary>Leaves.</summary>
    [Option("Maximum leaves per tree.", Min = 2)]
    public int Leaves { get; init; } = 20;

    /// <summary>Leaf size.</summary>
    [Option("Minimum rows in a leaf.", Min = 1)]
    public int MinRowsPerLeaf { get; init; } = 10;

    /// <summary>Shrinkage.</summary>
    [Option("Learning rate (shrinkage) of each tree.", Min = 0, ExclusiveMin = true)]
    public double LearningRate { get; init; } = 0.2;
}

/// <summary>Random forest (fastforest).</summary>
public sealed record FastForestOptions
{
    /// <summary>Trees.</summary>
    [Option("Number of trees.", Min = 1)]
    public int Trees { get; init; } = 100;

    /// <summary>Leaves.</summary>
    [Option("Maximum leaves per tree.", Min = 2)]
    public int Leaves { get; init; } = 20;

    /// <summary>Leaf size.</summary>
    [Option("Minimum rows in a leaf.", Min = 1)]
    public int MinRowsPerLeaf { get; init; } = 10;
}

/// <summary>LightGBM.</summary>
public sealed record LightGbmOptions
{
    /// <summary>Rounds.</summary>
    [Option("Boosting rounds.", Min = 1)]
    public int Iterations { get; init; } = 100;

    /// <summary>Leaves.</summary>
    [Option("Maximum leaves per tree; omitted: LightGBM's choice.", Min = 2)]
    public int? Leaves { get; init; }

    /// <summary>Leaf size.</summary>
    [Option("Minimum rows in a leaf; omitted: LightGBM's choice.", Min = 1)]
    public int? MinRowsPerLeaf { get; init; }

    /// <summary>Shrinkage.</summary>
    [Option("Learning rate; omitted: LightGBM's choice.", Min = 0, ExclusiveMin = true)]
    public double? LearningRate { get; init; }

    /// <summary>Early stopping.</summary>
    [Option("Stop when the held-out rows (validation_fraction) have not improved for this many rounds — their error rate for classification, squared error for regression; 0: run every round; omitted: 10 above 10,000 training rows, else 0 (as scikit-learn's HistGradientBoosting).", Min = 0)]
    public int? EarlyStoppingRounds { get; init; }

    /// <summary>Held-out share.</summary>
    [Option("Early stopping: fraction of the training rows held out (seeded) and watched.", Min = 0, ExclusiveMin = true, Max = 1, ExclusiveMax = true)]
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Rows above which early stopping is on by default.</summary>
    public const long EarlyStoppingRowsThreshold = 10_000;

    /// <summary>Rounds without gain before stopping when the spec does not say.</summary>
    public const int DefaultEarlyStoppingRounds = 10;

    /// <summary>The rounds without gain that stop a fit on <paramref name="rows"/> training rows; 0: no early stop.</summary>
    public int StoppingRoundsFor(long rows) =>
        EarlyStoppingRounds ?? (rows > EarlyStoppingRowsThreshold ? DefaultEarlyStoppingRounds : 0);
}

/// <summary>Generalised additive model.</summary>
public sealed record GamOptions
{
    /// <summary>Rounds.</summary>
    [Option("Boosting iterations.", Min = 1)]
    public int Iterations { get; init; } = 9500;

    /// <summary>Bins.</summary>
    [Option("Maximum bins per feature.", Min = 2)]
    public int MaxBins { get; init; } = 255;

    /// <summary>Shrinkage.</summary>
    [Option("Learning rate.", Min = 0, ExclusiveMin = true)]
    public double LearningRate { get; init; } = 0.002;
}

/// <summary>One-versus-all over a binary trainer.</summary>
public sealed record OneVersusAllOptions
{
    /// <summary>Inner trainer.</summary>
    [Option("The binary trainer fit once per class, e.g. `{ name: averaged_perceptron }`.")]
    public TrainerSpec Binary { get; init; } = new("averaged_perceptron", new AveragedPerceptronOptions());

    /// <summary>Probabilities.</summary>
    [Option("Combine the per-class models by calibrated probability rather than raw score.")]
    public bool UseProbabilities { get; init; } = true;
}

/// <summary>k-means initialisation.</summary>
public enum KMeansInit
{
    /// <summary>k-means++: spread the first centroids apart.</summary>
    KmeansPlusPlus,
    /// <summary>Random rows.</summary>
    Random,
    /// <summary>k-means|| (parallel k-means++) with Yinyang's accelerated iterations.</summary>
    Yinyang,
}

/// <summary>k-means clustering.</summary>
public sealed record KMeansOptions
{
    /// <summary>k.</summary>
    [Option("Number of clusters k.", Min = 1)]
    public int K { get; init; } = 3;

    /// <summary>Initialisation.</summary>
    [Option("How the first centroids are chosen.")]
    public KMeansInit Init { get; init; } = KMeansInit.KmeansPlusPlus;

    /// <summary>Iterations.</summary>
    [Option("Maximum Lloyd iterations.", Min = 1)]
    public int MaxIterations { get; init; } = 1000;

    /// <summary>Tolerance.</summary>
    [Option("Stop when the relative improvement falls below this.", Min = 0, ExclusiveMin = true)]
    public double Tolerance { get; init; } = 1e-7;
}

/// <summary>Principal component analysis (pca, randomized_pca).</summary>
public sealed record PcaOptions
{
    /// <summary>Rank.</summary>
    [Option("Number of principal components kept.", Min = 1)]
    public int Rank { get; init; } = 2;

    /// <summary>Oversampling.</summary>
    // 30, not ML.NET's 20: ML.NET's randomized SVD does no power iterations, and on mnist_10k (rank 10) 20 extra
    // directions kept 1.5 points less test variance than scikit-learn's PCA for one seed; 30 matched it (make bench).
    [Option("Extra random directions used by the randomized SVD (accuracy against speed).", Min = 0)]
    public int Oversampling { get; init; } = 30;

    /// <summary>Centre.</summary>
    [Option("Subtract the mean before projecting (true for textbook PCA).")]
    public bool Center { get; init; } = true;
}

/// <summary>Hidden-layer activations a spec can name.</summary>
public enum HiddenActivation
{
    /// <summary>Rectified linear unit, max(0, z).</summary>
    Relu,
    /// <summary>max(0, z) with a small slope (0.01) below zero.</summary>
    LeakyRelu,
    /// <summary>tanh(z).</summary>
    Tanh,
    /// <summary>σ(z).</summary>
    Sigmoid,
}

/// <summary>A perceptron's output activation.</summary>
public enum PerceptronActivation
{
    /// <summary>σ(Wx + b) is the probability: logistic regression.</summary>
    Sigmoid,
    /// <summary>tanh(Wx + b) ∈ (−1, 1), read as probability (t + 1) / 2.</summary>
    Tanh,
}

/// <summary>An optimiser and its settings.</summary>
public sealed record OptimizerSpec
{
    /// <summary>Rule.</summary>
    [Option("Update rule: sgd, momentum (sgd with a velocity) or adam.")]
    public DeepLearning.Trainers.Optimization.OptimizerKind Name { get; init; } = DeepLearning.Trainers.Optimization.OptimizerKind.Adam;

    /// <summary>α.</summary>
    [Option("Learning rate α.", Min = 0, ExclusiveMin = true)]
    public double LearningRate { get; init; } = 0.001;

    /// <summary>L2.</summary>
    [Option("Weight decay (L2 penalty on the weights).", Min = 0)]
    public double WeightDecay { get; init; }

    /// <summary>Momentum.</summary>
    [Option("Velocity decay of `momentum`.", Min = 0, Max = 1, ExclusiveMax = true)]
    public double Momentum { get; init; } = 0.9;
}

/// <summary>A learning-rate schedule.</summary>
public sealed record ScheduleSpec
{
    /// <summary>Shape.</summary>
    [Option("none (constant), step (× gamma every step_size epochs) or cosine (half a cosine down to 0).")]
    public DeepLearning.Trainers.Optimization.ScheduleKind Name { get; init; }

    /// <summary>Step.</summary>
    [Option("step: epochs between decays.", Min = 1)]
    public int StepSize { get; init; } = 10;

    /// <summary>Factor.</summary>
    [Option("step: factor applied at each decay.", Min = 0, ExclusiveMin = true, Max = 1)]
    public double Gamma { get; init; } = 0.5;
}

/// <summary>Early stopping.</summary>
public sealed record EarlyStoppingSpec
{
    /// <summary>Patience.</summary>
    [Option("Epochs without improvement of the monitored loss (validation loss when validation_fraction > 0, else training loss) before stopping.", Min = 1)]
    public int Patience { get; init; } = 10;

    /// <summary>Threshold.</summary>
    [Option("An improvement smaller than this does not count.", Min = 0)]
    public double MinDelta { get; init; }

    /// <summary>Restore.</summary>
    [Option("On stopping, restore the weights of the best epoch.")]
    public bool RestoreBest { get; init; } = true;
}

/// <summary>Linear regression by gradient descent (one linear layer, no activation).</summary>
public sealed record LinearGdOptions
{
    /// <summary>α.</summary>
    [Option("Learning rate α (with `standardize`, α < 1 converges with full batches; on raw values far smaller).", Min = 0, ExclusiveMin = true)]
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Standardise.</summary>
    [Option("Standardise the features and the label before descending (false: fit the raw values, as the course's worked example does, where α must be small).")]
    public bool Standardize { get; init; } = true;

    /// <summary>Passes.</summary>
    [Option("Passes over the data.", Min = 1)]
    public int Epochs { get; init; } = 500;

    /// <summary>Batch.</summary>
    [Option("Rows per gradient step; 0: the whole training set (full-batch gradient descent).", Min = 0)]
    public int BatchSize { get; init; }

    /// <summary>Rule.</summary>
    [Option("Update rule: sgd, momentum or adam.")]
    public DeepLearning.Trainers.Optimization.OptimizerKind Optimizer { get; init; } = DeepLearning.Trainers.Optimization.OptimizerKind.Sgd;
    /// <summary>Device.</summary>
    [Option("Where to train: auto (CUDA when libtorch's CUDA backend loads and a GPU is visible, else cpu), cpu, cuda or cuda:N.")]
    public string Device { get; init; } = "auto";
    /// <summary>Checkpoints.</summary>
    [Option("Save a checkpoint (<model>.checkpoint) every N epochs of the final fit, for `dlp train --resume`; 0: off.", Min = 0)]
    public int CheckpointEvery { get; init; }
}

/// <summary>A perceptron: one linear layer and an output activation.</summary>
public sealed record PerceptronOptions
{
    /// <summary>Activation.</summary>
    [Option("Output activation: sigmoid (logistic regression) or tanh.")]
    public PerceptronActivation Activation { get; init; } = PerceptronActivation.Sigmoid;

    /// <summary>α.</summary>
    [Option("Learning rate α.", Min = 0, ExclusiveMin = true)]
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Passes.</summary>
    [Option("Passes over the data.", Min = 1)]
    public int Epochs { get; init; } = 100;

    /// <summary>Batch.</summary>
    [Option("Rows per gradient step; 0: the whole training set.", Min = 0)]
    public int BatchSize { get; init; } = 32;

    /// <summary>Rule.</summary>
    [Option("Update rule: sgd, momentum or adam.")]
    public DeepLearning.Trainers.Optimization.OptimizerKind Optimizer { get; init; } = DeepLearning.Trainers.Optimization.OptimizerKind.Sgd;
    /// <summary>Device.</summary>
    [Option("Where to train: auto (CUDA when libtorch's CUDA backend loads and a GPU is visible, else cpu), cpu, cuda or cuda:N.")]
    public string Device { get; init; } = "auto";
    /// <summary>Checkpoints.</summary>
    [Option("Save a checkpoint (<model>.checkpoint) every N epochs of the final fit, for `dlp train --resume`; 0: off.", Min = 0)]
    public int CheckpointEvery { get; init; }
}

/// <summary>A multilayer perceptron trained with TorchSharp.</summary>
public sealed record MlpOptions : LayeredNetworkOptions
{
    /// <summary>Layers.</summary>
    [Option("Units per hidden layer, e.g. [64, 32].", MinItems = 1)]
    public IReadOnlyList<int> Hidden { get; init; } = [64];

    /// <summary>Activation.</summary>
    [Option("Activation after each hidden layer.")]
    public HiddenActivation Activation { get; init; } = HiddenActivation.Relu;

    /// <summary>Dropout.</summary>
    [Option("Probability of dropping a hidden unit while training.", Min = 0, Max = 1, ExclusiveMax = true)]
    public double Dropout { get; init; }

    /// <summary>Initialisation.</summary>
    [Option("Weight initialisation: xavier, kaiming (for relu) or zeros.")]
    public DeepLearning.Trainers.Networks.WeightInit Init { get; init; } = DeepLearning.Trainers.Networks.WeightInit.Kaiming;

}

/// <summary>An image's layout, for networks that read feature values as pixels.</summary>
public sealed record ImageShapeSpec
{
    /// <summary>Planes.</summary>
    [Option("Colour planes (1 for grey levels, 3 for RGB).", Required = true, Min = 1)]
    public int Channels { get; init; } = 1;

    /// <summary>Rows.</summary>
    [Option("Pixel rows.", Required = true, Min = 1)]
    public int Height { get; init; } = 1;

    /// <summary>Columns.</summary>
    [Option("Pixel columns.", Required = true, Min = 1)]
    public int Width { get; init; } = 1;
}

/// <summary>An autoencoder trained with TorchSharp (dimensionality reduction and anomaly detection).</summary>
public sealed record AutoencoderOptions : LayeredNetworkOptions
{
    /// <summary>Variant.</summary>
    [Option("dense (fully connected layers) or convolutional (3×3 stride-2 convolutions over the features read as `image`, transposed convolutions back).")]
    public DeepLearning.Trainers.Networks.AutoencoderVariant Variant { get; init; }

    /// <summary>Code.</summary>
    [Option("Values in the code (the bottleneck): the embedding's width for dimensionality_reduction; fewer than the features.", Min = 1)]
    public int CodeSize { get; init; } = 2;

    /// <summary>Layers.</summary>
    [Option("Units of the encoder's dense layers before the code, e.g. [32] (the decoder mirrors them); may be empty.")]
    public IReadOnlyList<int> Hidden { get; init; } = [32];

    /// <summary>Image.</summary>
    [Option("convolutional: how each row's feature values lay out as pixels, e.g. `{ channels: 1, height: 8, width: 8 }` (channels × height × width = the features).")]
    public ImageShapeSpec? Image { get; init; }

    /// <summary>Convolutions.</summary>
    [Option("convolutional: channels of each 3×3 stride-2 convolution (each halves height and width), e.g. [16, 32].", MinItems = 1)]
    public IReadOnlyList<int> Filters { get; init; } = [16, 32];

    /// <summary>Activation.</summary>
    [Option("Activation after each hidden layer and convolution (the code and the output are linear).")]
    public HiddenActivation Activation { get; init; } = HiddenActivation.Relu;

    /// <summary>Dropout.</summary>
    [Option("Probability of dropping a dense hidden unit while training.", Min = 0, Max = 1, ExclusiveMax = true)]
    public double Dropout { get; init; }

    /// <summary>Initialisation.</summary>
    [Option("Weight initialisation: xavier, kaiming (for relu) or zeros.")]
    public DeepLearning.Trainers.Networks.WeightInit Init { get; init; } = DeepLearning.Trainers.Networks.WeightInit.Kaiming;

}
