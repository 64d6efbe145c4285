using System.Buffers.Binary;
using System.Globalization;
using DeepLearning.Host.Tests.Support;

namespace DeepLearning.Host.Tests;

/// <summary><c>dlp train</c> → <c>evaluate</c> → <c>predict</c> → <c>inspect</c> for task reinforcement, with small
/// budgets, through the real program; and the usage errors with their exit codes.</summary>
[TestClass, TestCategory("e2e")]
public sealed class ReinforcementCommandTests
{
    [TestMethod]
    public void Grid_world_train_evaluate_predict_inspect()
    {
        using var dir = new TempDir();
        var plot = dir.Path("returns.png");

        var (model, train) = Dlp.Train(dir, "gridworld-q-learning.yaml", null, "--plot", plot);

        Assert.AreEqual("reinforcement", train["task"]!.GetValue<string>());
        Assert.AreEqual("grid_world", train["environment"]!["name"]!.GetValue<string>());
        Assert.AreEqual("q_learning", train["agent"]!["name"]!.GetValue<string>());
        Assert.AreEqual(2000, train["episode_history"]!["returns"]!.AsArray().Count);
        Assert.AreEqual(2000, train["episode_history"]!["epsilon"]!.AsArray().Count);
        var mean = train["evaluation"]!["mean_return"]!.GetValue<double>();
        Assert.AreEqual(mean, train["metrics"]!["mean_return"]!.GetValue<double>());
        AssertPng(plot);

        // evaluate with the training seed repeats the stored evaluation; --episodes and --seed change it.
        var evaluate = Dlp.ParseObject(Dlp.Succeed(dir, "evaluate", model, "--json").StdOut);
        Assert.AreEqual(mean, evaluate["evaluation"]!["mean_return"]!.GetValue<double>(), 1e-12);
        var other = Dlp.ParseObject(Dlp.Succeed(dir, "evaluate", model, "--episodes", "7", "--seed", "3", "--json").StdOut);
        Assert.AreEqual(7, other["evaluation"]!["episodes"]!.GetValue<int>());
        Assert.AreEqual(7, other["returns"]!.AsArray().Count);
        var table = Dlp.Succeed(dir, "evaluate", model, "--episodes", "5").StdOut;
        Assert.Contains("mean return", table);
        Assert.Contains("±", table);

        // From the start (0, 0) the shortest path begins right or down; the Q-values come with the action.
        var predict = Dlp.ParseObject(Dlp.Succeed(dir, "predict", model, "--state", "0,0", "--json").StdOut);
        Assert.Contains(predict["action_name"]!.GetValue<string>(), new[] { "right", "down" });
        Assert.AreEqual("q_values", predict["scores"]!.GetValue<string>());
        Assert.AreEqual(4, predict["values"]!.AsArray().Count);

        var states = dir.Write("states.csv", "row,column\n0,0\n4,4\n");
        var csv = Dlp.Succeed(dir, "predict", model, "--data", states, "--output", dir.Path("actions.csv"));
        var lines = File.ReadAllLines(dir.Path("actions.csv"));
        Assert.AreEqual("row,column,action,action_name,q_up,q_down,q_left,q_right", lines[0]);
        Assert.HasCount(3, lines);
        Assert.StartsWith("4,4,3,right,", lines[2], "next to the goal: step onto it");
        Assert.Contains("Wrote 2 actions", csv.StdErr);

        var inspect = Dlp.Succeed(dir, "inspect", model).StdOut;
        Assert.Contains("grid_world", inspect);
        Assert.Contains("q_table", inspect);
        Assert.Contains("mean_return", inspect);
        var manifest = Dlp.Inspect(dir, model);
        Assert.AreEqual(2, manifest["format_version"]!.GetValue<int>());
        Assert.AreEqual(2000, manifest["episode_history"]!["episodes"]!.GetValue<int>());
    }

    [TestMethod]
    public void Cart_pole_with_a_small_budget_trains_and_predicts_probabilities()
    {
        using var dir = new TempDir();
        var (model, train) = Dlp.Train(dir, "cartpole-reinforce.yaml", null, "--set", "episodes=10", "--set", "evaluation_episodes=3", "--set", "agent.hidden=[16]", "--report");

        Assert.AreEqual(10, train["episodes"]!.GetValue<int>());
        Assert.AreEqual("cpu", train["device"]!.GetValue<string>());
        Assert.AreEqual(3, train["evaluation"]!["episodes"]!.GetValue<int>());
        Assert.IsNull(train["episode_history"]!["epsilon"], "REINFORCE explores by sampling its policy, without ε");
        var report = File.ReadAllText(train["report"]!.GetValue<string>());
        Assert.Contains("<h2>Evaluation (3 episodes of the greedy policy, seed 42)</h2>", report);
        Assert.Contains("data:image/png;base64,", report, "the return curve is inlined");
        Assert.DoesNotContain("Featurization", report);

        var predict = Dlp.ParseObject(Dlp.Succeed(dir, "predict", model, "--state", "0.1,0,0.02,0", "--json").StdOut);
        Assert.AreEqual("probabilities", predict["scores"]!.GetValue<string>());
        var probabilities = predict["values"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        Assert.AreEqual(1.0, probabilities.Sum(), 1e-9);
        Assert.AreEqual(probabilities[1] > probabilities[0] ? "right" : "left", predict["action_name"]!.GetValue<string>());
        var text = Dlp.Succeed(dir, "predict", model, "--state", "0.1, 0, 0.02, 0").StdOut;
        Assert.Contains("probabilities", text);
    }

    [TestMethod]
    public void Train_without_json_shows_episode_lines_and_the_evaluation()
    {
        using var dir = new TempDir();

        var result = Dlp.Succeed(dir, "train", Path.Combine(RepoPaths.Examples, "bandit-q-learning.yaml"), "--output", dir.Path("b.zip"), "--set", "episodes=300");

        // 300 one-pull episodes: a line for each of them (at most about 200 lines are written).
        var lines = result.StdErr.Split('\n').Where(l => l.StartsWith("episode ", StringComparison.Ordinal)).ToList();
        Assert.IsGreaterThan(100, lines.Count);
        Assert.StartsWith("episode 1/300 return ", lines[0]);
        Assert.StartsWith("episode 300/300 ", lines[^1]);
        Assert.Contains("mean return", result.StdOut);
        Assert.Contains("Model written to", result.StdOut);
    }

    [TestMethod]
    public void Predict_on_the_bandit_needs_no_state()
    {
        using var dir = new TempDir();
        var (model, _) = Dlp.Train(dir, "bandit-q-learning.yaml", null, "--set", "episodes=200");

        var predict = Dlp.ParseObject(Dlp.Succeed(dir, "predict", model, "--json").StdOut);

        Assert.StartsWith("arm_", predict["action_name"]!.GetValue<string>());
        Assert.AreEqual(10, predict["values"]!.AsArray().Count);
    }

    [TestMethod]
    public void Validate_describes_the_environment_without_reading_data()
    {
        using var dir = new TempDir();

        var json = Dlp.ParseObject(Dlp.Succeed(dir, "validate", Path.Combine(RepoPaths.Examples, "cartpole-reinforce.yaml"), "--json").StdOut);

        Assert.IsTrue(json["valid"]!.GetValue<bool>());
        CollectionAssert.AreEqual(new[] { "x", "x_dot", "theta", "theta_dot" }, json["state_variables"]!.AsArray().Select(v => v!.GetValue<string>()).ToArray());
        CollectionAssert.AreEqual(new[] { "left", "right" }, json["actions"]!.AsArray().Select(v => v!.GetValue<string>()).ToArray());
        Assert.AreEqual(500, json["max_steps"]!.GetValue<int>());
    }

    [TestMethod]
    public void Usage_mistakes_exit_2_with_a_message()
    {
        using var dir = new TempDir();
        var (model, _) = Dlp.Train(dir, "gridworld-q-learning.yaml", null, "--set", "episodes=20");

        var wrongCount = Dlp.Run(dir, "predict", model, "--state", "1,2,3");
        Assert.AreEqual(2, wrongCount.ExitCode, wrongCount.ToString());
        Assert.Contains("received 3 number(s); grid_world states are 2: row, column", wrongCount.StdErr);
        Dlp.AssertNoStackTrace(wrongCount);

        var wall = Dlp.Run(dir, "predict", model, "--state", "0,3");
        Assert.AreEqual(2, wall.ExitCode);
        Assert.Contains("(0, 3) is a wall", wall.StdErr);

        var withData = Dlp.Run(dir, "evaluate", model, "--data", RepoPaths.Dataset("iris", "iris.csv"));
        Assert.AreEqual(2, withData.ExitCode);
        Assert.Contains("evaluated in its environment, not on data", withData.StdErr);

        var registry = Dlp.Run(dir, "train", Path.Combine(RepoPaths.Examples, "gridworld-q-learning.yaml"), "--registry", dir.Path("reg"));
        Assert.AreEqual(2, registry.ExitCode);
        Assert.Contains("task reinforcement has none", registry.StdErr);
        Assert.IsFalse(Directory.Exists(dir.Path("reg")), "no registry folder is made for a spec it refuses");

        var spec = dir.Write("bad.yaml", "name: bad\ntask: reinforcement\nenvironment: { name: cart_pole }\nagent: { name: q_learning }\ndata: { train: x.csv }\n");
        var badSpec = Dlp.Run(dir, "train", spec, "--json");
        Assert.AreEqual(2, badSpec.ExitCode);
        var error = Dlp.ParseObject(badSpec.StdOut)["error"]!;
        Assert.AreEqual("spec", error["kind"]!.GetValue<string>());
        Assert.AreEqual("data", error["errors"]![0]!["path"]!.GetValue<string>());
        Assert.Contains("not used by task reinforcement", badSpec.StdErr);
        // Once the keys bind, the combination is checked: a table cannot hold cart-pole's continuous state.
        var combination = Dlp.Run(dir, "validate", dir.Write("combo.yaml", "name: bad\ntask: reinforcement\nenvironment: { name: cart_pole }\nagent: { name: q_learning }\n"));
        Assert.AreEqual(2, combination.ExitCode);
        Assert.Contains("agent.name: received 'q_learning', which cannot learn in cart_pole", combination.StdErr);
        Assert.Contains("allowed for cart_pole: dqn, reinforce", combination.StdErr);
    }

    [TestMethod]
    public void Data_model_commands_on_a_policy_and_policy_options_on_a_data_model_are_explained()
    {
        using var dir = new TempDir();
        var (policy, _) = Dlp.Train(dir, "bandit-q-learning.yaml", null, "--set", "episodes=20");
        var (iris, _) = Dlp.Train(dir, "iris-maximum-entropy.yaml");

        var state = Dlp.Run(dir, "predict", iris, "--state", "1,2");
        Assert.AreEqual(2, state.ExitCode);
        Assert.Contains("--state is for reinforcement-learning policies", state.StdErr);
        var episodes = Dlp.Run(dir, "evaluate", iris, "--episodes", "3");
        Assert.AreEqual(2, episodes.ExitCode);
        var noData = Dlp.Run(dir, "evaluate", iris);
        Assert.AreEqual(2, noData.ExitCode);
        Assert.Contains("--data is required", noData.StdErr);

        var serve = Dlp.Run(dir, "serve", policy, "--port", "0");
        Assert.AreEqual(4, serve.ExitCode, serve.ToString());
        Assert.Contains("PolicyModel.Load", serve.StdErr);
    }

    [TestMethod]
    public void Cuda_in_the_cpu_build_exits_1_with_the_reason_and_a_bad_device_is_a_spec_error()
    {
        using var dir = new TempDir();
        var spec = Path.Combine(RepoPaths.Examples, "cartpole-reinforce.yaml");

        var cuda = Dlp.Run(dir, "train", spec, "--output", dir.Path("m.zip"), "--set", "episodes=2", "--set", "agent.device=cuda");
        Assert.AreEqual(1, cuda.ExitCode, cuda.ToString());
        Assert.Contains("device cuda was asked for, but CUDA not available", cuda.StdErr);
        Assert.IsFalse(File.Exists(dir.Path("m.zip")));

        var gpu = Dlp.Run(dir, "validate", spec, "--set", "agent.device=gpu");
        Assert.AreEqual(2, gpu.ExitCode, gpu.ToString());
        Assert.Contains("agent.device: received 'gpu'; allowed: auto, cpu, cuda, cuda:N", gpu.StdErr);

        var auto = Dlp.Succeed(dir, "train", spec, "--output", dir.Path("a.zip"), "--set", "episodes=2", "--set", "evaluation_episodes=1", "--set", "agent.device=auto");
        Assert.MatchesRegex(@"Trained on (cpu \(auto: CUDA not available: |cuda:0 \(auto: CUDA available)", auto.StdErr);
    }

    private static void AssertPng(string path)
    {
        var bytes = File.ReadAllBytes(path);
        CollectionAssert.AreEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8], "not a PNG signature");
        Assert.AreEqual(800, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.AreEqual(600, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        Assert.IsGreaterThan(10_000, bytes.Length.ToString(CultureInfo.InvariantCulture).Length > 0 ? bytes.Length : 0);
    }
}
