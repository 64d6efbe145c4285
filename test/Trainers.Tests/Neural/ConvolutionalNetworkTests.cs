using DeepLearning.Trainers.Estimators;
using DeepLearning.Trainers.Networks;
using DeepLearning.Trainers.Optimization;
using DeepLearning.Trainers.Training;
using Microsoft.ML;
using Microsoft.ML.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace DeepLearning.Trainers.Tests.Neural;

/// <summary>The convolutional network: shapes, parameter counts, augmentation only while training, seeds, and a
/// save/load round trip that keeps batch norm's running statistics.</summary>
[TestClass]
public sealed class ConvolutionalNetworkTests
{
    private static ConvolutionalArchitecture Small(int shift = 0, double dropout = 0) => new(1, 12, 10,
        [new ConvolutionBlock(4, Kernel: 3, Padding: 1, Pool: PoolKind.Max, PoolSize: 2, BatchNorm: true),
         new ConvolutionBlock(6, Kernel: 3, Padding: 0, Pool: PoolKind.Average, PoolSize: 2, BatchNorm: false)],
        [8], 3, Dropout: dropout, Shift: shift);

    [TestMethod]
    [DoNotParallelize] // builds a network: initial weights come from libtorch's global generator
    public void OutputShapeAndParameterCountFollowTheArchitecture()
    {
        DeepLearning.Trainers.Devices.TorchRuntime.EnsureLoaded();
        var a = Small();
        // 12×10 → conv pad 1 → 12×10 → pool 2 → 6×5 → conv 3 pad 0 → 4×3 → avg pool 2 → 2×1.
        CollectionAssert.AreEqual(new[] { (4, 6, 5), (6, 2, 1) }, a.Shapes().ToArray());
        Assert.AreEqual(12, a.Flattened);
        using var network = a.Build();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        network.eval();
        var output = network.forward(randn(5, 120));
        CollectionAssert.AreEqual(new long[] { 5, 3 }, output.shape);
        long expected = 4 * 1 * 9 /* conv 1, no bias: batch norm follows */ + 2 * 4 /* batch norm γ, β */
            + 6 * 4 * 9 + 6 /* conv 2 with bias */ + 12 * 8 + 8 + 8 * 3 + 3;
        Assert.AreEqual(expected, network.parameters().Sum(p => p.numel()));
        // Batch norm's running mean and variance (and its step count) are buffers, not parameters.
        Assert.AreEqual(3, network.named_buffers().Count());
    }

    [TestMethod]
    public void KernelLargerThanTheFeatureMapIsRefusedByBlock()
    {
        var a = new ConvolutionalArchitecture(1, 8, 8, [new ConvolutionBlock(4), new ConvolutionBlock(4), new ConvolutionBlock(4, Kernel: 5, Padding: 0)], [], 2);
        var error = Assert.ThrowsExactly<ArgumentException>(a.Validate);
        StringAssert.Contains(error.Message, "convolution block 3: kernel 5 is larger than the 2-pixel side");
        var zero = new ConvolutionalArchitecture(1, 8, 8, [new ConvolutionBlock(0)], [], 2);
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(zero.Validate).Message, "filters must be ≥ 1; received 0");
    }

    [TestMethod]
    [DoNotParallelize] // seeds libtorch's global generator, which a fit running beside it would draw from
    public void RandomShiftMovesEachImageByAtMostKPixelsWithZeroBorder()
    {
        DeepLearning.Trainers.Devices.TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        torch.manual_seed(3);
        // Distinct positive values, so the shift of each image can be read back from where its values went.
        var images = arange(1, 1 + 4 * 2 * 6 * 5, dtype: ScalarType.Float32).reshape(4, 2, 6, 5);
        var shifted = ConvolutionalNetwork.RandomShift(images, 2);
        CollectionAssert.AreEqual(images.shape, shifted.shape);
        var source = images.data<float>().ToArray();
        var result = shifted.data<float>().ToArray();
        int moved = 0;
        for (int n = 0; n < 4; n++)
        {
            bool found = false;
            for (int dy = -2; dy <= 2 && !found; dy++)
                for (int dx = -2; dx <= 2 && !found; dx++)
                {
                    bool all = true;
                    for (int c = 0; c < 2 && all; c++)
                        for (int y = 0; y < 6 && all; y++)
                            for (int x = 0; x < 5 && all; x++)
                            {
                                int sy = y + dy, sx = x + dx;
                                float want = sy is >= 0 and < 6 && sx is >= 0 and < 5 ? source[((n * 2 + c) * 6 + sy) * 5 + sx] : 0;
                                all = result[((n * 2 + c) * 6 + y) * 5 + x] == want;
                            }
                    if (all) { found = true; if (dy != 0 || dx != 0) moved++; }
                }
            Assert.IsTrue(found, $"image {n} is not a shift of the input by at most 2 pixels");
        }
        Assert.IsGreaterThan(0, moved, "no image moved: the offsets are not drawn");
    }

    [TestMethod]
    [DoNotParallelize] // seeds libtorch's global generator, which a fit running beside it would draw from
    public void AugmentationAppliesOnlyInTrainingMode()
    {
        DeepLearning.Trainers.Devices.TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        torch.manual_seed(1);
        // No batch norm, no dropout: the only randomness in training mode is the shift.
        var a = new ConvolutionalArchitecture(1, 8, 8, [new ConvolutionBlock(3, BatchNorm: false)], [], 2, Shift: 2);
        using var network = a.Build();
        var x = rand(6, 64);
        using var _ = no_grad();
        network.eval();
        var first = network.forward(x).data<float>().ToArray();
        var second = network.forward(x).data<float>().ToArray();
        CollectionAssert.AreEqual(first, second, "prediction must not shift images");
        network.train();
        var trained = network.forward(x).data<float>().ToArray();
        CollectionAssert.AreNotEqual(first, trained, "training mode must shift images");
    }

    [TestMethod]
    public void ChannelsLastKeepsEveryValueAndLaysChannelsInnermost()
    {
        DeepLearning.Trainers.Devices.TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        // One channel is the case permute → contiguous would miss (both layouts count as contiguous there); the
        // sliced batch has a storage offset, which the channels-last view must keep. Distinct values from arange, not
        // rand: drawing from libtorch's global generator would shift a seeded fit running beside this test.
        static Tensor Images(long n, long c) => arange(n * c * 5 * 4, dtype: ScalarType.Float32).reshape(n, c, 5, 4);
        foreach (var images in new[] { Images(3, 1), Images(3, 2), Images(5, 3).narrow(0, 2, 3) })
        {
            var nhwc = ConvolutionalNetwork.ChannelsLast(images);
            long c = images.shape[1];
            CollectionAssert.AreEqual(images.shape, nhwc.shape);
            CollectionAssert.AreEqual(new long[] { 5 * 4 * c, 1, 4 * c, c }, nhwc.stride());
            CollectionAssert.AreEqual(images.contiguous().data<float>().ToArray(), nhwc.contiguous().data<float>().ToArray());
        }
    }

    [TestMethod]
    [DoNotParallelize] // builds a network: initial weights come from libtorch's global generator
    public void ChannelsLastForwardAndGradientsMatchTheLayersRunInNchw()
    {
        DeepLearning.Trainers.Devices.TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        torch.manual_seed(4);
        // Training mode (batch statistics), no dropout and no shift: both paths are deterministic functions.
        using var network = Small().Build();
        network.train();
        var x = rand(7, 120);
        var loss = network.forward(x).square().sum();
        loss.backward();
        var gradients = network.parameters().Select(p => p.grad!.clone()).ToList();
        network.zero_grad();
        // The same modules by hand on plain NCHW images: the features list, flatten, then the head.
        var lists = network.children().ToArray();
        Assert.HasCount(2, lists);
        var y = x.reshape(-1, 1, 12, 10);
        foreach (var layer in lists[0].children()) y = ((nn.Module<Tensor, Tensor>)layer).forward(y);
        y = y.flatten(1);
        foreach (var layer in lists[1].children()) y = ((nn.Module<Tensor, Tensor>)layer).forward(y);
        var reference = y.square().sum();
        reference.backward();
        Assert.AreEqual(reference.item<float>(), loss.item<float>(), 1e-4 * Math.Abs(reference.item<float>()));
        foreach (var (parameter, gradient) in network.parameters().Zip(gradients))
        {
            Assert.IsTrue(parameter.is_contiguous(), "a parameter left its C-order layout");
            Assert.IsTrue(gradient.allclose(parameter.grad!, rtol: 1e-4, atol: 1e-5), "gradients differ between layouts");
        }
    }

    private static IDataView Stripes(MLContext ml, int rows = 96, int seed = 5)
    {
        // 8×8 images: a horizontal or a vertical bar (class 0 / 1) at a random place, plus noise.
        var random = new Random(seed);
        var data = Enumerable.Range(0, rows).Select(i =>
        {
            var pixels = new float[64];
            int at = random.Next(8);
            for (int k = 0; k < 8; k++) pixels[i % 2 == 0 ? at * 8 + k : k * 8 + at] = 1;
            for (int p = 0; p < 64; p++) pixels[p] += (float)(random.NextDouble() * 0.2);
            return new ImageRow { Features = pixels, Label = i % 2 == 1 };
        }).ToList();
        return ml.Data.LoadFromEnumerable(data);
    }

    private sealed class ImageRow
    {
        [VectorType(64)] public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }

    private static NeuralEstimator Estimator(int seed) => new(new NeuralEstimator.Options(NeuralTask.Binary)
    {
        Architecture = (inputs, outputs) => new ConvolutionalArchitecture(1, 8, 8, [new ConvolutionBlock(4), new ConvolutionBlock(4)], [8], outputs, Dropout: 0.2, Shift: 1),
        Training = new() { Epochs = 10, BatchSize = 16, Seed = seed, Device = DeepLearning.Trainers.Devices.DeviceRequest.Cpu, Optimizer = new(OptimizerKind.Adam, 0.01) },
    });

    private static float[][] Weights(NeuralTransformer model) => model.Network.parameters().Select(p => p.data<float>().ToArray()).ToArray();

    [TestMethod]
    public void SameSeedSameWeightsAndItLearnsBars()
    {
        var ml = new MLContext(1);
        var data = Stripes(ml);
        var first = Estimator(11).FitNetwork(data);
        var again = Estimator(11).FitNetwork(data);
        var other = Estimator(12).FitNetwork(data);
        var (w1, w2, w3) = (Weights(first), Weights(again), Weights(other));
        for (int i = 0; i < w1.Length; i++) CollectionAssert.AreEqual(w1[i], w2[i], $"parameter {i} differs with the same seed");
        Assert.IsTrue(w1.Zip(w3).Any(p => !p.First.SequenceEqual(p.Second)), "another seed gave the same weights");
        // Shifts, dropout and batch norm included, it tells the bars apart on fresh images.
        var test = Stripes(ml, 40, seed: 99);
        var predicted = first.Transform(test).GetColumn<bool>("PredictedLabel").ToArray();
        var truth = test.GetColumn<bool>("Label").ToArray();
        Assert.IsGreaterThanOrEqualTo(0.9, predicted.Zip(truth).Count(p => p.First == p.Second) / (double)truth.Length);
    }

    [TestMethod]
    public void SaveAndLoadKeepBatchNormStatisticsAndPredictions()
    {
        var ml = new MLContext(1);
        var data = Stripes(ml);
        var model = Estimator(3).FitNetwork(data);
        // Training moved the running statistics away from their start (mean 0, variance 1).
        var runningMean = model.Network.named_buffers().First(b => b.name.EndsWith("running_mean", StringComparison.Ordinal)).buffer;
        Assert.IsTrue(runningMean.data<float>().ToArray().Any(v => Math.Abs(v) > 1e-3), "batch norm did not track statistics");
        var entries = new MemoryModelEntries();
        model.SaveTo(entries);
        var loaded = NeuralTransformer.LoadFrom(entries);
        Assert.IsInstanceOfType<ConvolutionalArchitecture>(loaded.Architecture);
        var (saved, read) = ((ConvolutionalArchitecture)model.Architecture, (ConvolutionalArchitecture)loaded.Architecture);
        Assert.AreEqual(saved, read with { Blocks = saved.Blocks, Dense = saved.Dense });
        CollectionAssert.AreEqual(saved.Blocks.ToArray(), read.Blocks.ToArray());
        var before = model.Transform(data).GetColumn<float>("Probability").ToArray();
        var after = loaded.Transform(data).GetColumn<float>("Probability").ToArray();
        CollectionAssert.AreEqual(before, after, "predictions changed after save and load");
    }
}
