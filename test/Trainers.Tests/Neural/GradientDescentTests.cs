using DeepLearning.Trainers.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace DeepLearning.Trainers.Tests.Neural;

// Seeds libtorch's global generator, which a fit running beside these tests would draw from.
[TestClass, DoNotParallelize]
public sealed class GradientDescentTests
{
    /// <summary>Ten steps of ours and of TorchSharp's own optimiser from the same weights on the same batches.</summary>
    [TestMethod]
    [DataRow(OptimizerKind.Sgd, 0.0)]
    [DataRow(OptimizerKind.Momentum, 0.0)]
    [DataRow(OptimizerKind.Adam, 0.0)]
    [DataRow(OptimizerKind.Adam, 0.01)]
    [DataRow(OptimizerKind.Momentum, 0.01)]
    public void StepsMatchPyTorchsUpdateRules(OptimizerKind kind, double weightDecay)
    {
        DeepLearning.Trainers.Devices.TorchRuntime.EnsureLoaded();
        var options = new OptimizerOptions(kind, 0.05, weightDecay, 0.8);
        torch.manual_seed(5);
        using var ours = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 1));
        using var theirs = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 1));
        using (no_grad()) foreach (var (a, b) in ours.parameters().Zip(theirs.parameters())) b.copy_(a);
        using var optimizer = new GradientDescent(ours.parameters(), options);
        using var reference = kind switch
        {
            OptimizerKind.Sgd => torch.optim.SGD(theirs.parameters(), 0.05, weight_decay: weightDecay),
            OptimizerKind.Momentum => torch.optim.SGD(theirs.parameters(), 0.05, momentum: 0.8, weight_decay: weightDecay),
            _ => (torch.optim.Optimizer)torch.optim.Adam(theirs.parameters(), 0.05, weight_decay: weightDecay),
        };
        for (int step = 0; step < 10; step++)
        {
            using var scope = NewDisposeScope();
            var x = torch.randn(8, 3);
            var y = torch.randn(8, 1);
            optimizer.zero_grad();
            nn.functional.mse_loss(ours.forward(x), y).backward();
            optimizer.step();
            reference.zero_grad();
            nn.functional.mse_loss(theirs.forward(x), y).backward();
            reference.step();
        }
        foreach (var (a, b) in ours.parameters().Zip(theirs.parameters()))
            CollectionAssert.AreEqual(b.data<float>().ToArray(), a.data<float>().ToArray(), new Tolerance(1e-6f));
        Assert.AreEqual(10, optimizer.Steps);
    }

    [TestMethod]
    public void SavedStateResumesToTheSameWeights()
    {
        DeepLearning.Trainers.Devices.TorchRuntime.EnsureLoaded();
        torch.manual_seed(6);
        using var model = nn.Linear(2, 1);
        using var optimizer = new GradientDescent(model.parameters(), new OptimizerOptions(OptimizerKind.Adam, 0.1));
        void Step(GradientDescent o, nn.Module<Tensor, Tensor> m, int seed)
        {
            using var scope = NewDisposeScope();
            torch.manual_seed(seed);
            o.zero_grad();
            nn.functional.mse_loss(m.forward(torch.randn(4, 2)), torch.ones(4, 1)).backward();
            o.step();
        }
        Step(optimizer, model, 1);
        var state = optimizer.SaveState();
        var weights = model.parameters().Select(p => p.data<float>().ToArray()).ToList();
        Step(optimizer, model, 2);
        var expected = model.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();

        using var copy = nn.Linear(2, 1);
        using (no_grad()) foreach (var (p, w) in copy.parameters().Zip(weights)) p.copy_(tensor(w, p.shape));
        using var resumed = new GradientDescent(copy.parameters(), new OptimizerOptions(OptimizerKind.Adam, 0.1));
        resumed.LoadState(state);
        Step(resumed, copy, 2);
        CollectionAssert.AreEqual(expected, copy.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray());
    }

    private sealed class Tolerance(float epsilon) : System.Collections.IComparer
    {
        public int Compare(object? x, object? y) => Math.Abs((float)x! - (float)y!) <= epsilon * Math.Max(1, Math.Abs((float)x!)) ? 0 : 1;
    }
}
