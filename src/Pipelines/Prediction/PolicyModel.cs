using DeepLearning.Pipelines.Bundle;
using DeepLearning.Pipelines.Reinforcement;
using DeepLearning.Pipelines.Spec;
using DeepLearning.Trainers.Reinforcement;
using DeepLearning.Trainers.Reinforcement.Environments;
using DeepLearning.Trainers.Reinforcement.Policies;

namespace DeepLearning.Pipelines.Prediction;

/// <summary>The action a policy chooses in one state.</summary>
/// <param name="Action">The action's index.</param>
/// <param name="ActionName">Its name (e.g. <c>right</c>).</param>
/// <param name="Scores">One score per action: Q-values or probabilities, as <paramref name="ScoreKind"/> says.</param>
/// <param name="ScoreKind"><c>q_values</c> or <c>probabilities</c>.</param>
public sealed record PolicyDecision(int Action, string ActionName, IReadOnlyList<double> Scores, string ScoreKind);

/// <summary>A saved reinforcement-learning policy, loaded: the action for a state, and evaluation episodes in the
/// environment it was trained in (rebuilt from the resolved spec in the manifest). Safe to share across threads for
/// <see cref="Decide"/>; each <see cref="Evaluate"/> runs in an environment of its own.</summary>
public sealed class PolicyModel : IDisposable
{
    private readonly IEnvironment shape;

    private PolicyModel(ModelManifest manifest, IPolicy policy, EnvironmentSpec environment)
    {
        Manifest = manifest;
        Policy = policy;
        Environment = environment;
        shape = EnvironmentCatalog.Default.Create(environment);
    }

    /// <summary>The bundle's manifest.</summary>
    public ModelManifest Manifest { get; }

    /// <summary>The policy.</summary>
    public IPolicy Policy { get; }

    /// <summary>The environment it was trained in, as the resolved spec names it.</summary>
    public EnvironmentSpec Environment { get; }

    /// <summary>The numbers that describe a state, in the order <see cref="Decide"/> takes them.</summary>
    public IReadOnlyList<string> StateVariables => shape.StateVariables;

    /// <summary>Action names, by index.</summary>
    public IReadOnlyList<string> Actions => shape.ActionNames;

    /// <summary>Loads a bundle written by <c>dlp train</c> for task reinforcement; throws <see cref="ModelException"/>
    /// when it cannot (a data model names <see cref="PipelineModel.Load"/>).</summary>
    public static PolicyModel Load(string path)
    {
        var (manifest, policy) = ModelBundle.ReadPolicy(path);
        try
        {
            var spec = SpecLoader.Parse(manifest.Provenance.Spec.ToJsonString(), $"{path}:manifest.json provenance.spec").Spec;
            var model = new PolicyModel(manifest, policy, spec.Environment);
            if (model.shape.ActionCount != policy.ActionCount)
                throw new ModelException(path, $"the policy chooses among {policy.ActionCount} actions, its environment has {model.shape.ActionCount}; the bundle is damaged");
            return model;
        }
        catch (Exception e) when (e is SpecException or ArgumentException)
        {
            policy.Dispose();
            throw new ModelException(path, $"the environment in the manifest cannot be rebuilt: {e.Message}", e);
        }
        catch
        {
            policy.Dispose();
            throw;
        }
    }

    /// <summary>Wraps a freshly trained policy (the trainer's result).</summary>
    internal static PolicyModel From(ModelManifest manifest, IPolicy policy, EnvironmentSpec environment) => new(manifest, policy, environment);

    /// <summary>The greedy action in the state given as the numbers of <see cref="StateVariables"/>; throws
    /// <see cref="ArgumentException"/> for a state the environment does not have.</summary>
    public PolicyDecision Decide(IReadOnlyList<double> state)
    {
        var observation = shape.Observe(state);
        var scores = Policy.Scores(observation);
        int action = Policy.Act(observation);
        return new PolicyDecision(action, Actions[action], scores, SnakeCase.Of(Policy.ScoreKind));
    }

    /// <summary>A fresh environment like the one the policy was trained in.</summary>
    public IEnvironment CreateEnvironment() => EnvironmentCatalog.Default.Create(Environment);

    /// <summary>Runs <paramref name="episodes"/> episodes of the greedy policy (default: as many as after training)
    /// seeded with <paramref name="seed"/> (default: the training seed, which reproduces the manifest's evaluation).</summary>
    public PolicyEvaluation Evaluate(int? episodes = null, int? seed = null)
    {
        var evaluation = Manifest.Reinforcement!.Evaluation;
        return PolicyEvaluator.Evaluate(Policy, CreateEnvironment(), episodes ?? evaluation.Episodes, seed ?? evaluation.Seed);
    }

    /// <inheritdoc />
    public void Dispose() => Policy.Dispose();
}
