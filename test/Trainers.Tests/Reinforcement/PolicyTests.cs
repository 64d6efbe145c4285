using DeepLearning.Trainers.Activations;
using DeepLearning.Trainers.Networks;
using DeepLearning.Trainers.Reinforcement.Environments;
using DeepLearning.Trainers.Reinforcement.Policies;

namespace DeepLearning.Trainers.Tests.Reinforcement;

/// <summary>Saved policies load back acting and scoring exactly as before.</summary>
[TestClass]
public sealed class PolicyTests
{
    [TestMethod]
    public void A_q_table_round_trips_and_acts_on_the_highest_value_lowest_index_first()
    {
        using var table = new QTablePolicy([[0.1, 0.5, 0.5], [-1, -2, 3]]);
        using var stream = new MemoryStream();
        table.SaveTo(stream);
        stream.Position = 0;

        using var loaded = Policies.Load(QTablePolicy.KindName, stream);

        Assert.AreEqual(1, loaded.Act(new Observation([], 0)), "a tie goes to the lower action");
        Assert.AreEqual(2, loaded.Act(new Observation([], 1)));
        CollectionAssert.AreEqual(new[] { -1.0, -2.0, 3.0 }, loaded.Scores(new Observation([], 1)));
        Assert.AreEqual(ActionScores.QValues, loaded.ScoreKind);
    }

    [TestMethod]
    [DoNotParallelize] // builds a network: initial weights come from libtorch's global generator
    [DataRow(ActionScores.QValues)]
    [DataRow(ActionScores.Probabilities)]
    public void A_policy_network_round_trips_with_identical_scores(ActionScores kind)
    {
        using var policy = new NetworkPolicy(new NetworkArchitecture(4, [8], 2, ActivationKind.Tanh, Init: WeightInit.Xavier).Build(), kind);
        using var stream = new MemoryStream();
        policy.SaveTo(stream);
        stream.Position = 0;

        using var loaded = Policies.Load(NetworkPolicy.KindName, stream);

        var probe = new Observation([0.1f, -0.3f, 0.02f, 0.5f], -1);
        CollectionAssert.AreEqual(policy.Scores(probe), loaded.Scores(probe));
        Assert.AreEqual(policy.Act(probe), loaded.Act(probe));
        Assert.AreEqual(kind, loaded.ScoreKind);
        if (kind == ActionScores.Probabilities) Assert.AreEqual(1.0, loaded.Scores(probe).Sum(), 1e-9);
    }

    [TestMethod]
    public void An_unknown_kind_is_named()
    {
        var e = Assert.ThrowsExactly<InvalidDataException>(() => Policies.Load("svm", new MemoryStream()));

        Assert.Contains("q_table, policy_network", e.Message);
    }
}
