using DeepLearning.Trainers.Devices;
using DeepLearning.Trainers.Estimators;
using DeepLearning.Trainers.Networks;
using DeepLearning.Trainers.Optimization;
using DeepLearning.Trainers.Training;
using Microsoft.ML;
using Microsoft.ML.Data;
using static TorchSharp.torch;

namespace DeepLearning.Trainers.Tests.Autoencoders;

[TestClass]
public sealed class AutoencoderTests
{
    private static AutoencoderEstimator.Options Quick(int epochs = 8, int seed = 1) => new()
    {
        Hidden = [32], CodeSize = 6,
        Training = new() { Epochs = epochs, BatchSize = 64, Seed = seed, Optimizer = new(OptimizerKind.Adam, 0.003) },
    };

    private static AutoencoderEstimator.Options Convolutional(int epochs) => Quick(epochs) with
    {
        Variant = AutoencoderVariant.Convolutional, Image = new ImageShape(1, 8, 8), Filters = [8, 16], Hidden = [],
    };

    // Building a network outside a fit draws from libtorch's global generator, which a seeded fit on another test
    // thread is using: these run alone.
    [TestMethod]
    [DoNotParallelize]
    public void DenseNetworkReconstructsEveryInputAndEncodesToTheCodeSize()
    {
        TorchRuntime.EnsureLoaded();
        using var network = new AutoencoderArchitecture(64, [32, 16], 5).BuildAutoencoder();
        using var scope = NewDisposeScope();
        var x = rand(3, 64);

        CollectionAssert.AreEqual(new long[] { 3, 5 }, network.Encode(x).shape);
        CollectionAssert.AreEqual(new long[] { 3, 64 }, network.forward(x).shape);
        // 64→32→16→5 and back 5→16→32→64, weights and biases.
        long expected = (64 * 32 + 32) + (32 * 16 + 16) + (16 * 5 + 5) + (5 * 16 + 16) + (16 * 32 + 32) + (32 * 64 + 64);
        Assert.AreEqual(expected, network.parameters().Sum(p => p.numel()));
    }

    [TestMethod]
    [DataRow(1, 8, 8)]
    [DataRow(3, 5, 7)]
    [DataRow(2, 1, 9)]
    [DoNotParallelize]
    public void ConvolutionalNetworkRestoresAnyImageSize(int channels, int height, int width)
    {
        TorchRuntime.EnsureLoaded();
        int inputs = channels * height * width;
        var architecture = new AutoencoderArchitecture(inputs, [12], 3, Variant: AutoencoderVariant.Convolutional,
            Image: new ImageShape(channels, height, width), Filters: [4, 6]);
        using var network = architecture.BuildAutoencoder();
        using var scope = NewDisposeScope();
        var x = rand(2, inputs);

        CollectionAssert.AreEqual(new long[] { 2, 3 }, network.Encode(x).shape);
        CollectionAssert.AreEqual(new long[] { 2, inputs }, network.forward(x).shape);
        Assert.IsTrue(network.named_parameters().Any(p => p.name.StartsWith("upsampler.", StringComparison.Ordinal)), "the decoder has transposed convolutions");
    }

    [TestMethod]
    public void ArchitecturesThatCannotLearnAreRefusedByName()
    {
        string Error(AutoencoderArchitecture a) => Assert.ThrowsExactly<ArgumentException>(a.Validate).Message;

        StringAssert.Contains(Error(new(4, [8], 4)), "code size must be less than the 4 inputs");
        StringAssert.Contains(Error(new(4, [8], 0)), "code size must be ≥ 1; received 0");
        StringAssert.Contains(Error(new(64, [], 4, Variant: AutoencoderVariant.Convolutional, Filters: [4])), "needs the image shape");
        StringAssert.Contains(Error(new(64, [], 4, Variant: AutoencoderVariant.Convolutional, Image: new(1, 8, 7), Filters: [4])),
            "the image shape 1×8×7 holds 56 values, but there are 64 inputs");
        StringAssert.Contains(Error(new(64, [], 4, Variant: AutoencoderVariant.Convolutional, Image: new(1, 8, 8), Filters: [])), "at least one convolution");
        StringAssert.Contains(Error(new(64, [0], 4)), "hidden layer sizes must be ≥ 1; received 0");
    }

    [TestMethod]
    public void ReconstructionLossFallsOnDigitsAndTheScoreIsTheReconstructionError()
    {
        var ml = new MLContext(1);
        var data = Digits.View(ml);
        using var model = new AutoencoderEstimator(Quick(epochs: 15) with { Output = AutoencoderOutput.AnomalyScore }).FitAutoencoder(data);

        var loss = model.History.TrainLoss;
        Assert.AreEqual(15, loss.Count);
        Assert.IsLessThan(0.5 * loss[0], loss[^1], $"loss fell from {loss[0]:G4} to {loss[^1]:G4}");
        Assert.IsEmpty(model.History.TrainAccuracy!, "a reconstruction has no accuracy");

        // The Score column is the mean squared difference between a row and its reconstruction.
        var pixels = Digits.Pixels(50);
        var scores = model.Transform(Digits.View(ml, 50)).GetColumn<float>("Score").ToArray();
        for (int r = 0; r < pixels.Count; r++)
        {
            var rebuilt = model.Reconstruct(pixels[r]);
            double direct = pixels[r].Zip(rebuilt).Average(p => (p.First - p.Second) * (double)(p.First - p.Second));
            Assert.AreEqual(direct, scores[r], 1e-6, $"row {r}");
        }
        // Well below the best constant guess (each pixel's mean): the network learned the digits' structure
        // (measured: 0.53 of it after 15 epochs).
        var all = Digits.Pixels();
        var mean = Enumerable.Range(0, 64).Select(j => all.Average(p => p[j])).ToArray();
        double variance = all.Average(p => p.Select((v, j) => (v - mean[j]) * (double)(v - mean[j])).Average());
        Assert.IsLessThan(0.7 * variance, scores.Average(s => (double)s));
    }

    [TestMethod]
    public void ConvolutionalVariantLearnsTheDigits()
    {
        var ml = new MLContext(1);
        using var model = new AutoencoderEstimator(Convolutional(epochs: 6)).FitAutoencoder(Digits.View(ml));

        var loss = model.History.TrainLoss;
        Assert.IsLessThan(0.6 * loss[0], loss[^1], $"loss fell from {loss[0]:G4} to {loss[^1]:G4}");
        Assert.AreEqual(6, model.Encode(Digits.Pixels(1)[0]).Length);
    }

    [TestMethod]
    public void EmbeddingOutputAddsTheCodeAndTheErrorAndAnomalyOutputAddsAScore()
    {
        var ml = new MLContext(1);
        var data = Digits.View(ml, 200);
        using var embedding = new AutoencoderEstimator(Quick(epochs: 1) with { EmbeddingColumnName = "Code" }).FitAutoencoder(data);
        using var anomaly = new AutoencoderEstimator(Quick(epochs: 1) with { Output = AutoencoderOutput.AnomalyScore }).FitAutoencoder(data);

        var schema = ((ITransformer)embedding).GetOutputSchema(data.Schema);
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, 6), schema["Code"].Type);
        Assert.AreEqual(NumberDataViewType.Single, schema[AutoencoderTransformer.ReconstructionErrorColumn].Type);
        Assert.IsNull(schema.GetColumnOrNull("Score"));
        var codes = embedding.Transform(data).GetColumn<VBuffer<float>>("Code").Take(5).Select(v => v.DenseValues().ToArray()).ToList();
        var pixels = Digits.Pixels(5);
        for (int r = 0; r < 5; r++) CollectionAssert.AreEqual(embedding.Encode(pixels[r]), codes[r]);

        var scored = ((ITransformer)anomaly).GetOutputSchema(data.Schema);
        Assert.AreEqual(NumberDataViewType.Single, scored["Score"].Type);
        Assert.AreEqual(data.Schema.Count + 1, scored.Count, "one column added: Score");
    }

    [TestMethod]
    public void SameSeedGivesIdenticalWeightsAndAnotherSeedDoesNot()
    {
        var ml = new MLContext(1);
        var data = Digits.View(ml, 300);
        float[] Weights(int seed)
        {
            using var model = new AutoencoderEstimator(Quick(epochs: 3, seed) with { Dropout = 0.1 }).FitAutoencoder(data);
            return model.Network.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();
        }

        CollectionAssert.AreEqual(Weights(5), Weights(5));
        CollectionAssert.AreNotEqual(Weights(5), Weights(6));
    }

    [TestMethod]
    [DataRow(AutoencoderVariant.Dense, AutoencoderOutput.Embedding)]
    [DataRow(AutoencoderVariant.Convolutional, AutoencoderOutput.AnomalyScore)]
    public void SavedAndLoadedModelPredictsIdentically(AutoencoderVariant variant, AutoencoderOutput output)
    {
        var ml = new MLContext(1);
        var data = Digits.View(ml, 300);
        var options = (variant == AutoencoderVariant.Dense ? Quick(epochs: 2) : Convolutional(epochs: 2)) with { Output = output };
        using var model = new AutoencoderEstimator(options).FitAutoencoder(data);
        var entries = new MemoryModelEntries();
        model.SaveTo(entries);

        using var loaded = (AutoencoderTransformer)PortableTransformers.Load(AutoencoderTransformer.Kind, entries);

        Assert.AreEqual(output, loaded.Output);
        Assert.AreEqual(variant, loaded.Architecture.Variant);
        Assert.AreEqual(model.Architecture.Image, loaded.Architecture.Image);
        CollectionAssert.AreEqual(model.History.TrainLoss.ToList(), loaded.History.TrainLoss.ToList());
        foreach (var row in Digits.Pixels(40))
            CollectionAssert.AreEqual(model.Predict(row), loaded.Predict(row));
    }

    [TestMethod]
    public void TooLargeALearningRateDivergesNamingEpochAndRate()
    {
        var ml = new MLContext(1);
        var options = Quick(epochs: 20) with { Training = Quick().Training with { Epochs = 20, Optimizer = new(OptimizerKind.Sgd, 50) } };
        var error = Assert.ThrowsExactly<TrainingDivergedException>(() => new AutoencoderEstimator(options).Fit(Digits.View(ml, 300)));
        StringAssert.Contains(error.Message, "with learning rate 50");
    }
}
