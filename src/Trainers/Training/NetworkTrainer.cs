using DeepLearning.Trainers.Devices;
using DeepLearning.Trainers.Networks;
using DeepLearning.Trainers.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace DeepLearning.Trainers.Training;

/// <summary>The one training loop every neural trainer uses: seeded initialisation and shuffling, mini-batches,
/// a learning-rate schedule, validation loss, early stopping and divergence detection.</summary>
public static class NetworkTrainer
{
    /// <summary>A loss above this multiple of the first epoch's counts as divergence.</summary>
    public const double DivergenceFactor = 1e6;

    /// <summary>Builds a network with <paramref name="build"/> (after seeding) and trains it on <paramref name="data"/>
    /// on the device <see cref="TrainingOptions.Device"/> resolves to; the network comes back on the CPU.
    /// A diverged run is reported in <see cref="TrainingHistory.Diverged"/>, not thrown: the caller decides.</summary>
    public static (NeuralNetwork Network, TrainingHistory History, DeviceChoice Device) Train(
        Func<NeuralNetwork> build, IBatchSource data, Objective objective, TrainingOptions options, IProgress<EpochProgress>? progress = null)
    {
        options.Validate();
        objective.Validate();
        TorchRuntime.EnsureLoaded();
        var device = TorchRuntime.Choose(options.Device);
        lock (TorchGate.Lock)
        {
            // libtorch's thread pool is process-wide and resizing it while another thread is inside a parallel
            // region (a prediction elsewhere) is unsafe, so only resize when the setting actually changes.
            if (torch.get_num_threads() != options.Threads) torch.set_num_threads(options.Threads);
            // The default CPU generator: dropout draws from it, so a checkpoint records its state.
            var generator = torch.manual_seed(options.Seed);
            // Built and initialised on the CPU, so a seed gives the same starting weights on every device.
            var network = build();
            try
            {
                if (device.Name != "cpu") network.to(device.Device);
                var history = Run(network, data, objective, options, progress, device.Device, generator);
                network.eval();
                // Back on the CPU: predictions and saving read the weights from host memory.
                if (device.Name != "cpu") network.to(CPU);
                return (network, history, device);
            }
            catch
            {
                network.Dispose();
                throw;
            }
        }
    }

    private static TrainingHistory Run(NeuralNetwork network, IBatchSource data, Objective objective, TrainingOptions options, IProgress<EpochProgress>? progress, Device device, Generator generator)
    {
        using var reader = data.Open(objective, device, options.ValidationFraction, options.Seed);
        using var optimizer = Optimizers.Create(network.parameters(), options.Optimizer);
        var early = options.EarlyStopping;
        List<Tensor>? best = null;

        var trainLoss = new List<double>();
        var validationLoss = new List<double>();
        var trainAccuracy = new List<double>();
        var validationAccuracy = new List<double>();
        var rates = new List<double>();
        double bestLoss = double.PositiveInfinity;
        int bestEpoch = 0, sinceBest = 0;
        bool stoppedEarly = false;
        Divergence? diverged = null;
        long steps = 0;
        // Times the epoch loop only, so steps per second compare with other libraries' training loops (bench/).
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int first = 0;
        try
        {
            if (options.Checkpoints?.Load() is { } resumed)
            {
                first = resumed.Epoch;
                if (first > options.Epochs)
                    throw new ArgumentException($"the checkpoint is at epoch {first}, beyond the {options.Epochs} epoch(s) planned; raise epochs to at least {first} or train from scratch");
                Restore(network, resumed.Weights);
                Optimizers.LoadState(optimizer, resumed.OptimizerState);
                using (var state = tensor(resumed.RandomState)) generator.set_state(state);
                trainLoss.AddRange(resumed.TrainLoss);
                validationLoss.AddRange(resumed.ValidationLoss);
                trainAccuracy.AddRange(resumed.TrainAccuracy);
                validationAccuracy.AddRange(resumed.ValidationAccuracy);
                rates.AddRange(resumed.LearningRates);
                (bestLoss, bestEpoch, sinceBest) = (resumed.BestLoss, resumed.BestEpoch, resumed.SinceBest);
                if (resumed.BestWeights is { } bestWeights)
                    best = State(network).Zip(bestWeights).Select(p => tensor(p.Second, p.First.shape).to_type(p.First.dtype).to(device)).ToList();
            }
            for (int epoch = first; epoch < options.Epochs; epoch++)
            {
                double rate = options.Schedule.RateAt(options.Optimizer.LearningRate, epoch, options.Epochs);
                Optimizers.SetLearningRate(optimizer, rate);
                rates.Add(rate);
                network.train();
                // Each epoch's order comes from its own seed, so a resumed run shuffles exactly as the interrupted one.
                var shuffle = options.Shuffle ? new Random(unchecked(options.Seed * 1_000_003 + epoch)) : null;

                double sum = 0;
                long correct = 0, trainRows = 0;
                foreach (var batch in reader.Train(options.BatchSize, shuffle))
                {
                    using var scope = NewDisposeScope();
                    var (x, y) = batch.Load();
                    optimizer.zero_grad();
                    var output = network.forward(x);
                    var loss = objective.Loss(output, y);
                    if (objective.Correct(output.detach(), y) is { } right) correct += right.item<long>();
                    double value = loss.item<float>();
                    if (!double.IsFinite(value))
                    {
                        diverged = new Divergence(epoch + 1, rate, value, trainLoss.Count > 0 ? trainLoss[0] : double.NaN);
                        break;
                    }
                    loss.backward();
                    optimizer.step();
                    steps++;
                    sum += value * batch.Count;
                    trainRows += batch.Count;
                }
                if (diverged is not null) break;

                double mean = sum / trainRows;
                if (trainLoss.Count > 0 && mean > DivergenceFactor * Math.Max(trainLoss[0], 1e-30))
                {
                    diverged = new Divergence(epoch + 1, rate, mean, trainLoss[0]);
                    break;
                }
                trainLoss.Add(mean);
                if (objective.Task is NeuralTask.Binary or NeuralTask.Multiclass) trainAccuracy.Add((double)correct / trainRows);
                double? validation = null;
                if (Measure(network, objective, reader.Validation()) is var (v, accuracy, rows) && rows > 0)
                {
                    validation = v;
                    validationLoss.Add(v);
                    if (accuracy is { } a) validationAccuracy.Add(a);
                }
                progress?.Report(new EpochProgress(epoch + 1, options.Epochs, mean, validation, rate));

                double monitored = validation ?? mean;
                if (monitored < bestLoss - (early?.MinDelta ?? 0))
                {
                    bestLoss = monitored;
                    bestEpoch = epoch + 1;
                    sinceBest = 0;
                    if (early is { RestoreBest: true }) best = Snapshot(network, best);
                }
                else if (early is not null && ++sinceBest >= early.Patience)
                {
                    stoppedEarly = epoch + 1 < options.Epochs;
                    break;
                }
                if (options is { Checkpoints: { } store, CheckpointEvery: > 0 } && (epoch + 1) % options.CheckpointEvery == 0)
                {
                    store.Save(new Checkpoint
                    {
                        Epoch = epoch + 1,
                        Weights = Weights(State(network)),
                        OptimizerState = Optimizers.SaveState(optimizer),
                        RandomState = RandomState(generator),
                        TrainLoss = trainLoss.ToArray(),
                        ValidationLoss = validationLoss.ToArray(),
                        TrainAccuracy = trainAccuracy.ToArray(),
                        ValidationAccuracy = validationAccuracy.ToArray(),
                        LearningRates = rates.ToArray(),
                        BestLoss = bestLoss,
                        BestEpoch = bestEpoch,
                        SinceBest = sinceBest,
                        BestWeights = best is not null ? Weights(best) : null,
                    });
                }
            }
            if (diverged is null && best is not null && bestEpoch != trainLoss.Count) Restore(network, best);
            clock.Stop();
        }
        finally
        {
            if (best is not null) foreach (var t in best) t.Dispose();
        }
        return new TrainingHistory(trainLoss, validationLoss, rates, bestEpoch, stoppedEarly, diverged, trainAccuracy, validationAccuracy,
            steps, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Mean loss, and accuracy for classification, over <paramref name="batches"/> with dropout off and no
    /// graph; also how many rows there were (0: none, and the loss is NaN).</summary>
    public static (double Loss, double? Accuracy, long Rows) Measure(NeuralNetwork network, Objective objective, IEnumerable<Batch> batches)
    {
        double sum = 0;
        long correct = 0, rows = 0;
        bool training = network.training;
        network.eval();
        foreach (var batch in batches)
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var (x, y) = batch.Load();
            var output = network.forward(x);
            sum += objective.Loss(output, y).item<float>() * batch.Count;
            if (objective.Correct(output, y) is { } right) correct += right.item<long>();
            rows += batch.Count;
        }
        if (training) network.train();
        return (rows > 0 ? sum / rows : double.NaN, objective.Task is NeuralTask.Binary or NeuralTask.Multiclass && rows > 0 ? (double)correct / rows : null, rows);
    }

    private static List<Tensor> Snapshot(NeuralNetwork network, List<Tensor>? previous)
    {
        if (previous is not null) foreach (var t in previous) t.Dispose();
        using var _ = no_grad();
        return State(network).Select(p => p.detach().clone()).ToList();
    }

    /// <summary>The tensors that make a trained network: parameters and buffers (batch norm's running statistics),
    /// in the module's state order. Checkpoints and the best epoch's snapshot hold all of them.</summary>
    private static List<Tensor> State(NeuralNetwork network) => network.state_dict().Values.ToList();

    /// <summary>Each tensor's values, copied to host memory and flattened.</summary>
    private static float[][] Weights(IEnumerable<Tensor> tensors)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        return tensors.Select(t => t.detach().cpu().to_type(ScalarType.Float32).data<float>().ToArray()).ToArray();
    }

    private static byte[] RandomState(Generator generator)
    {
        using var state = generator.get_state();
        return state.data<byte>().ToArray();
    }

    /// <summary>Copies checkpointed values into the network's state, after checking they fit.</summary>
    private static void Restore(NeuralNetwork network, IReadOnlyList<float[]> saved)
    {
        var parameters = State(network);
        if (parameters.Count != saved.Count || parameters.Zip(saved).Any(p => p.First.numel() != p.Second.Length))
            throw new ArgumentException("the checkpoint's weights do not fit this network; it was saved for another architecture or data width");
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        foreach (var (parameter, value) in parameters.Zip(saved)) parameter.copy_(tensor(value, parameter.shape).to_type(parameter.dtype));
    }

    private static void Restore(NeuralNetwork network, List<Tensor> saved)
    {
        using var _ = no_grad();
        foreach (var (parameter, value) in State(network).Zip(saved)) parameter.copy_(value);
    }
}
