using System.Text.Json.Nodes;
using DeepLearning.Pipelines.Reinforcement;
using DeepLearning.Pipelines.Spec;
using DeepLearning.Pipelines.Trainers;
using DeepLearning.Pipelines.Transforms;
using DeepLearning.Trainers.Reinforcement.Agents;
using static DeepLearning.Pipelines.Tests.Spec.SpecText;

namespace DeepLearning.Pipelines.Tests.Reinforcement;

/// <summary>Task reinforcement in the spec: environment and agent sections bound like the trainer's, the keys that
/// belong to data tasks refused, combinations that cannot learn refused, every error located and explained.</summary>
[TestClass]
public sealed class ReinforcementSpecTests
{
    private const string CartPole = """
        name: cp
        task: reinforcement
        environment:
          name: cart_pole
        agent:
          name: reinforce
          hidden: [64]
        episodes: 50
        """;

    [TestMethod]
    public void A_reinforcement_spec_binds_environment_agent_and_episodes_with_defaults()
    {
        var spec = Parse(CartPole).Spec;

        Assert.AreEqual(MlTask.Reinforcement, spec.Task);
        Assert.AreEqual("cart_pole", spec.Environment.Name);
        Assert.AreEqual(500, ((CartPoleSpec)spec.Environment.Options).MaxSteps);
        var agent = (ReinforceSpec)spec.Agent.Options;
        CollectionAssert.AreEqual(new[] { 64 }, agent.Hidden.ToArray());
        Assert.AreEqual(0.003, agent.Optimizer.LearningRate);
        Assert.AreEqual(Baseline.Value, agent.Baseline);
        Assert.AreEqual(50, spec.Episodes);
        Assert.AreEqual(100, spec.EvaluationEpisodes);
        Assert.IsNull(spec.StopAt);
        Assert.AreEqual(42, spec.Seed);
    }

    [TestMethod]
    public void Data_label_and_trainer_are_not_required_and_are_errors_when_given()
    {
        var e = Fails(CartPole + "\ndata: { train: x.csv }\nlabel: y\ntrainer: { name: ols }");

        foreach (var key in new[] { "data", "label", "trainer" })
        {
            var message = ErrorAt(e, key).Message;
            Assert.Contains("not used by task reinforcement: an agent learns from the rewards of its environment, not from a data file", message);
            Assert.Contains($"remove '{key}'", message);
            Assert.Contains("task reinforcement reads: name, task, environment, agent, episodes, evaluation_episodes, stop_at, keep_best, seed", message);
        }
        Assert.AreEqual(9, ErrorAt(e, "data").Location!.Line);
    }

    [TestMethod]
    public void Environment_and_agent_are_required_for_reinforcement()
    {
        var e = Fails("name: x\ntask: reinforcement");

        CollectionAssert.AreEquivalent(new[] { "environment", "agent" }, e.Errors.Select(x => x.Path).ToArray());
        Assert.Contains("required key 'environment' is missing", ErrorAt(e, "environment").Message);
    }

    [TestMethod]
    public void Reinforcement_keys_are_errors_for_a_data_task()
    {
        var e = Fails(Minimal + "\nepisodes: 10\nagent: { name: dqn }");

        Assert.AreEqual("only for task reinforcement; remove 'episodes', or set task: reinforcement (task regression learns from `data` with a `trainer`)", ErrorAt(e, "episodes").Message);
        Assert.Contains("only for task reinforcement", ErrorAt(e, "agent").Message);
    }

    [TestMethod]
    public void A_data_task_still_requires_data_and_trainer()
    {
        var e = Fails("name: x\ntask: binary\nlabel: y");

        CollectionAssert.AreEquivalent(new[] { "data", "trainer" }, e.Errors.Select(x => x.Path).ToArray());
    }

    [TestMethod]
    public void Unknown_environment_gets_a_suggestion_and_the_list()
    {
        var e = Fails(CartPole.Replace("name: cart_pole", "name: cartpole"));

        Assert.AreEqual("unknown environment 'cartpole' (did you mean 'cart_pole'?); allowed: bandit, cart_pole, grid_world", ErrorAt(e, "environment.name").Message);
    }

    [TestMethod]
    public void Unknown_agent_option_lists_that_agents_options()
    {
        var e = Fails(CartPole.Replace("hidden: [64]", "hiden: [64]"));

        var message = ErrorAt(e, "agent.hiden").Message;
        Assert.Contains("unknown key 'hiden' (did you mean 'hidden'?)", message);
        Assert.Contains("baseline", message);
        Assert.Contains("value_learning_rate", message);
    }

    [TestMethod]
    public void Ranges_of_agent_options_are_checked()
    {
        var e = Fails(CartPole.Replace("hidden: [64]", "hidden: [64]\n  discount: 1.5") + "\nevaluation_episodes: 0");

        Assert.AreEqual("received 1.5; allowed: a number ≥ 0 and ≤ 1", ErrorAt(e, "agent.discount").Message);
        Assert.AreEqual("received 0; allowed: an integer ≥ 1", ErrorAt(e, "evaluation_episodes").Message);
    }

    [TestMethod]
    public void Q_learning_cannot_learn_cart_pole_and_the_message_says_why_and_what_can()
    {
        var e = Fails(CartPole.Replace("name: reinforce\n  hidden: [64]", "name: q_learning"));

        Assert.AreEqual("received 'q_learning', which cannot learn in cart_pole: q_learning keeps a table of values per discrete state, and its state is 4 continuous numbers (x, x_dot, theta, theta_dot); allowed for cart_pole: dqn, reinforce",
            ErrorAt(e, "agent.name").Message);
    }

    [TestMethod]
    public void A_network_agent_on_the_bandit_is_refused()
    {
        var e = Fails(CartPole.Replace("name: cart_pole", "name: bandit").Replace("name: reinforce\n  hidden: [64]", "name: dqn"));

        var message = ErrorAt(e, "agent.name").Message;
        Assert.Contains("received 'dqn', which cannot learn in bandit", message);
        Assert.Contains("it has a single state", message);
        Assert.Contains("allowed for bandit: q_learning", message);
    }

    [TestMethod]
    public void A_bad_map_is_an_error_at_the_map()
    {
        var e = Fails(CartPole.Replace("name: cart_pole", "name: grid_world\n  map: [\"S.#\", \"..\"]").Replace("name: reinforce\n  hidden: [64]", "name: q_learning"));

        var error = ErrorAt(e, "environment.map");
        Assert.AreEqual("map row 2 has 2 cells, row 1 has 3; every row must be as long", error.Message);
        Assert.AreEqual(5, error.Location!.Line);
    }

    [TestMethod]
    public void Bandit_arms_and_means_must_agree()
    {
        var e = Fails(CartPole.Replace("name: cart_pole", "name: bandit\n  arms: 3\n  means: [0, 1]").Replace("name: reinforce\n  hidden: [64]", "name: q_learning"));

        Assert.Contains("arms is 3 but means lists 2", ErrorAt(e, "environment.means").Message);
    }

    [TestMethod]
    public void A_dqn_batch_larger_than_its_replay_buffer_is_refused()
    {
        var e = Fails(CartPole.Replace("name: reinforce\n  hidden: [64]", "name: dqn\n  replay_size: 32\n  batch_size: 64"));

        Assert.Contains("received 64, more than replay_size 32", ErrorAt(e, "agent.batch_size").Message);
    }

    [TestMethod]
    public void A_misspelt_task_reports_only_the_task()
    {
        var e = Fails(CartPole.Replace("task: reinforcement", "task: reinforcment"));

        Assert.AreEqual("task", e.Errors.Single().Path);
        Assert.Contains("did you mean 'reinforcement'?", e.Errors.Single().Message);
    }

    [TestMethod]
    public void Overrides_reach_agent_options()
    {
        var spec = Parse(CartPole, "agent.optimizer.learning_rate=0.01", "stop_at={mean_return: 475, window: 10}").Spec;

        Assert.AreEqual(0.01, ((ReinforceSpec)spec.Agent.Options).Optimizer.LearningRate);
        Assert.AreEqual(475, spec.StopAt!.MeanReturn);
        Assert.AreEqual(10, spec.StopAt.Window);
    }

    [TestMethod]
    public void The_resolved_spec_of_a_reinforcement_task_has_no_data_keys_and_binds_again()
    {
        var spec = Parse(CartPole).Spec;

        var json = (JsonObject)SpecWriter.Write(spec)!;

        CollectionAssert.AreEqual(new[] { "name", "task", "environment", "agent", "episodes", "evaluation_episodes", "stop_at", "keep_best", "seed" }, json.Select(p => p.Key).ToArray());
        Assert.AreEqual("reinforce", (string)json["agent"]!["name"]!);
        Assert.AreEqual(json.ToJsonString(), SpecWriter.Write(Parse(json.ToJsonString()).Spec)!.ToJsonString(), "the resolved spec binds to itself");
        Assert.IsFalse(((JsonObject)SpecWriter.Write(Parse(Minimal).Spec)!).ContainsKey("environment"), "and a data task's has no reinforcement keys");
    }

    [TestMethod]
    public void The_schema_names_every_environment_and_agent_and_the_task_rules()
    {
        var schema = new JsonSchemaGenerator(TrainerCatalog.Default, TransformCatalog.Default).Generate();

        var environments = schema["$defs"]!["environment"]!["oneOf"]!.AsArray().Select(a => (string)a!["properties"]!["name"]!["const"]!).ToArray();
        var agents = schema["$defs"]!["agent"]!["oneOf"]!.AsArray().Select(a => (string)a!["properties"]!["name"]!["const"]!).ToArray();
        CollectionAssert.AreEquivalent(new[] { "grid_world", "bandit", "cart_pole" }, environments);
        CollectionAssert.AreEquivalent(new[] { "q_learning", "dqn", "reinforce" }, agents);
        Assert.AreEqual("#/$defs/agent", (string)schema["properties"]!["agent"]!["$ref"]!);
        var rules = schema["allOf"]!.AsArray();
        var reinforcement = rules.Single(r => r!["if"]!["properties"]!["task"]!["enum"]!.AsArray().Any(t => (string)t! == "reinforcement"))!;
        CollectionAssert.AreEquivalent(new[] { "environment", "agent" }, reinforcement["then"]!["required"]!.AsArray().Select(n => (string)n!).ToArray());
        var data = rules.Single(r => r!["if"]!["properties"]!["task"]!["enum"]!.AsArray().Any(t => (string)t! == "regression"))!;
        CollectionAssert.AreEquivalent(new[] { "data", "trainer" }, data["then"]!["required"]!.AsArray().Select(n => (string)n!).ToArray());
        Assert.AreEqual(0.003, (double)schema["$defs"]!["agent"]!["oneOf"]!.AsArray().Single(a => (string)a!["properties"]!["name"]!["const"]! == "reinforce")!["properties"]!["optimizer"]!["default"]!["learning_rate"]!);
    }
}
