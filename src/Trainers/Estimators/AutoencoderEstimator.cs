using DeepLearning.Trainers.Activations;
using DeepLearning.Trainers.Networks;
using DeepLearning.Trainers.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace DeepLearning.Trainers.Estimators;

/// <summary>Trains an autoencoder (dense or convolutional) on the features alone, with the same training loop,
/// optimisers, early stopping, device choice and progress as every other network of this library, and yields an
/// <see cref="AutoencoderTransformer"/> that adds the embedding or the anomaly score.</summary>
public sealed class AutoencoderEstimator : IEstimator<ITransformer>
{
    private readonly IProgress<EpochProgress>? progress;

    /// <summary>Creates the estimator; <paramref name="progress"/> hears about every epoch.</summary>
    public AutoencoderEstimator(Options options, IProgress<EpochProgress>? progress = null)
    {
        Settings = options;
        this.progress = progress;
    }

    /// <summary>The estimator's settings.</summary>
    public Options Settings { get; }

    /// <summary>Everything that defines an autoencoder trainer.</summary>
    public sealed record Options
    {
        /// <summary>The features: a known-size vector of Single.</summary>
        public string FeatureColumnName { get; init; } = "Features";

        /// <summary>What the transformer adds: the embedding (dimensionality reduction) or an anomaly score.</summary>
        public AutoencoderOutput Output { get; init; } = AutoencoderOutput.Embedding;

        /// <summary>Embedding: the name of the code column.</summary>
        public string EmbeddingColumnName { get; init; } = "Embedding";

        /// <summary>Units of the encoder's dense layers before the code (mirrored in the decoder).</summary>
        public IReadOnlyList<int> Hidden { get; init; } = [32];

        /// <summary>Values in the code.</summary>
        public int CodeSize { get; init; } = 2;

        /// <summary>Activation after each hidden layer and convolution.</summary>
        public ActivationKind Activation { get; init; } = ActivationKind.Relu;

        /// <summary>Dropout probability after each dense hidden activation.</summary>
        public double Dropout { get; init; }

        /// <summary>Weight initialisation.</summary>
        public WeightInit Init { get; init; } = WeightInit.Kaiming;

        /// <summary>Leaky relu's negative slope.</summary>
        public double Slope { get; init; } = LeakyRelu.DefaultSlope;

        /// <summary>Dense or convolutional.</summary>
        public AutoencoderVariant Variant { get; init; } = AutoencoderVariant.Dense;

        /// <summary>Convolutional: how the features lay out as an image.</summary>
        public ImageShape? Image { get; init; }

        /// <summary>Convolutional: channels of each stride-2 convolution.</summary>
        public IReadOnlyList<int> Filters { get; init; } = [16, 32];

        /// <summary>The training loop's settings (optimiser, epochs, batches, seed, early stopping…).</summary>
        public TrainingOptions Training { get; init; } = new();

        /// <summary>The architecture for rows of <paramref name="inputs"/> values.</summary>
        public AutoencoderArchitecture ArchitectureFor(int inputs) =>
            new(inputs, Hidden.ToArray(), CodeSize, Activation, Dropout, Init, Slope, Variant,
                Variant == AutoencoderVariant.Convolutional ? Image : null,
                Variant == AutoencoderVariant.Convolutional ? Filters.ToArray() : null);
    }

    /// <summary>Trains the autoencoder; throws <see cref="TrainingDivergedException"/> when the loss diverges and
    /// <see cref="ArgumentException"/> when the architecture does not fit the features.</summary>
    public ITransformer Fit(IDataView input) => FitAutoencoder(input);

    /// <summary>As <see cref="Fit"/>, typed.</summary>
    public AutoencoderTransformer FitAutoencoder(IDataView input)
    {
        var o = Settings;
        var objective = new Objective(NeuralTask.Reconstruction, ActivationKind.Identity);
        var data = BatchSources.Open(input, null, o.FeatureColumnName, NeuralTask.Reconstruction, o.Training);
        var architecture = o.ArchitectureFor(data.Width);
        architecture.Validate();
        var (network, history, device) = NetworkTrainer.Train(architecture.Build, data, objective, o.Training, progress);
        if (history.Diverged is { } diverged)
        {
            network.Dispose();
            throw new TrainingDivergedException(diverged, history);
        }
        return new AutoencoderTransformer((Autoencoder)network, o.Output, o.FeatureColumnName, o.EmbeddingColumnName, history) { Device = device };
    }

    /// <summary>Not needed by this library's callers, which fit on data; ML.NET's SchemaShape columns cannot be
    /// built outside ML.NET.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) =>
        throw new NotSupportedException("fit the estimator on data; its transformer's GetOutputSchema gives the schema");
}
