using DeepLearning.Trainers.Activations;
using DeepLearning.Trainers.DataViews;
using DeepLearning.Trainers.Networks;
using DeepLearning.Trainers.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace DeepLearning.Trainers.Estimators;

/// <summary>Trains a fully connected network (a perceptron when there are no hidden layers) with TorchSharp and
/// yields a <see cref="NeuralTransformer"/> that adds the task's ML.NET prediction columns.</summary>
public sealed class NeuralEstimator : IEstimator<ITransformer>
{
    private readonly IProgress<EpochProgress>? progress;

    /// <summary>Creates the estimator; <paramref name="progress"/> hears about every epoch.</summary>
    public NeuralEstimator(Options options, IProgress<EpochProgress>? progress = null)
    {
        Settings = options;
        this.progress = progress;
    }

    /// <summary>The estimator's settings.</summary>
    public Options Settings { get; }

    /// <summary>Everything that defines a neural trainer.</summary>
    /// <param name="Task">Regression, binary or multiclass.</param>
    public sealed record Options(NeuralTask Task)
    {
        /// <summary>The label: Single (regression), Boolean (binary) or a UInt32 key (multiclass).</summary>
        public string LabelColumnName { get; init; } = "Label";

        /// <summary>The features: a known-size vector of Single.</summary>
        public string FeatureColumnName { get; init; } = "Features";

        /// <summary>Units per hidden layer; empty: a perceptron.</summary>
        public IReadOnlyList<int> Hidden { get; init; } = [];

        /// <summary>Activation after each hidden layer.</summary>
        public ActivationKind Activation { get; init; } = ActivationKind.Relu;

        /// <summary>Activation of the output layer: identity (values, logits) or, for binary, sigmoid or tanh.</summary>
        public ActivationKind OutputActivation { get; init; } = ActivationKind.Identity;

        /// <summary>Dropout probability after each hidden activation.</summary>
        public double Dropout { get; init; }

        /// <summary>Weight initialisation.</summary>
        public WeightInit Init { get; init; } = WeightInit.Xavier;

        /// <summary>Leaky relu's negative slope.</summary>
        public double Slope { get; init; } = LeakyRelu.DefaultSlope;

        /// <summary>Regression: train on the label standardised to mean 0, variance 1 (predictions are mapped back).
        /// A label in the hundreds would otherwise take an optimiser thousands of small steps just to reach its mean,
        /// and the learning rate that suits one label scale would diverge on another.</summary>
        public bool StandardizeLabel { get; init; } = true;

        /// <summary>Builds the architecture from the input width and output count; null: the fully connected network
        /// that <see cref="Hidden"/>, <see cref="Activation"/>, <see cref="Dropout"/>… describe. Other kinds of network
        /// (convolutional, …) come in through here and train, predict and save like the dense one.</summary>
        public Func<int, int, INetworkArchitecture>? Architecture { get; init; }

        /// <summary>The training loop's settings (optimiser, epochs, batches, seed, early stopping…).</summary>
        public TrainingOptions Training { get; init; } = new();
    }

    /// <summary>Trains the network; throws <see cref="TrainingDivergedException"/> when the loss diverges.</summary>
    public ITransformer Fit(IDataView input) => FitNetwork(input);

    /// <summary>As <see cref="Fit"/>, typed.</summary>
    public NeuralTransformer FitNetwork(IDataView input)
    {
        var o = Settings;
        var objective = new Objective(o.Task, o.OutputActivation);
        objective.Validate();
        var label = input.Schema.GetColumnOrNull(o.LabelColumnName)
            ?? throw new ArgumentException($"the data has no label column '{o.LabelColumnName}'");
        var data = BatchSources.Open(input, o.LabelColumnName, o.FeatureColumnName, o.Task, o.Training);
        int outputs = 1;
        IReadOnlyList<string>? classNames = null;
        if (o.Task == NeuralTask.Multiclass)
        {
            var key = (KeyDataViewType)label.Type;
            outputs = checked((int)key.Count);
            if (outputs < 2) throw new ArgumentException($"multiclass needs at least 2 classes; the label key has {outputs}");
            classNames = MulticlassColumns.ClassNames(label, outputs);
        }
        var (shift, scale) = (0.0, 1.0);
        if (o.Task == NeuralTask.Regression && o.StandardizeLabel)
        {
            (shift, double sd) = data.TargetMoments();
            scale = sd > 0 ? sd : 1;
            data = data.WithTargets(shift, scale);
        }
        var architecture = o.Architecture?.Invoke(data.Width, outputs)
            ?? new NetworkArchitecture(data.Width, o.Hidden.ToArray(), outputs, o.Activation, o.OutputActivation, o.Dropout, o.Init, o.Slope);
        architecture.Validate();
        var (network, history, device) = NetworkTrainer.Train(architecture.Build, data, objective, o.Training, progress);
        if (history.Diverged is { } diverged)
        {
            network.Dispose();
            throw new TrainingDivergedException(diverged, history);
        }
        return new NeuralTransformer(network, o.Task, o.FeatureColumnName, classNames, history) { LabelShift = shift, LabelScale = scale, Device = device };
    }

    /// <summary>Not needed by this library's callers, which fit on data; ML.NET's SchemaShape columns cannot be
    /// built outside ML.NET.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) =>
        throw new NotSupportedException("fit the estimator on data; its transformer's GetOutputSchema gives the schema");
}
