using System.Diagnostics;
using DeepLearning.Pipelines.Bundle;
using DeepLearning.Pipelines.Prediction;
using DeepLearning.Pipelines.Reinforcement;
using DeepLearning.Pipelines.Spec;
using DeepLearning.Trainers.Reinforcement;
using DeepLearning.Trainers.Reinforcement.Environments;

namespace DeepLearning.Pipelines.Running;

/// <summary>The outcome of <c>dlp train</c> for task reinforcement.</summary>
/// <param name="Manifest">What the bundle's manifest holds.</param>
/// <param name="ModelPath">Where the bundle was written, or null when not written.</param>
/// <param name="Model">The trained policy, ready to act in this process (the caller disposes it).</param>
/// <param name="History">Every training episode.</param>
/// <param name="Evaluation">The greedy policy's evaluation episodes.</param>
public sealed record ReinforcementResult(ModelManifest Manifest, string? ModelPath, PolicyModel Model, EpisodeHistory History, PolicyEvaluation Evaluation);

/// <summary>Runs a reinforcement spec end to end: make the environment and the agent, train for the episodes,
/// evaluate the greedy policy, write the bundle. <paramref name="progress"/> hears about the stages,
/// <paramref name="episodes"/> about every training episode.</summary>
public sealed class ReinforcementTrainer(IProgress<string>? progress = null, IProgress<EpisodeProgress>? episodes = null)
{
    /// <summary>Trains and, when <paramref name="outputPath"/> is given, writes the bundle there atomically.</summary>
    public ReinforcementResult Train(LoadedSpec loaded, string? outputPath)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var spec = loaded.Spec;
        if (spec.Task != MlTask.Reinforcement)
            throw new ArgumentException($"task {SnakeCase.Of(spec.Task)} learns from data: use PipelineTrainer");
        var environmentDefinition = EnvironmentCatalog.Default.Find(spec.Environment.Name)!;
        var agentDefinition = AgentCatalog.Default.Find(spec.Agent.Name)!;
        var environment = environmentDefinition.Create(spec.Environment.Options);
        // The resolved spec names what was drawn, so the bundle shows the bandit's arms and rebuilds the same one.
        if (environment is MultiArmedBandit bandit && spec.Environment.Options is BanditSpec { Means: null } drawn)
            spec = spec with { Environment = spec.Environment with { Options = drawn with { Means = bandit.Means, Arms = null } } };
        var agent = agentDefinition.Create(spec.Agent.Options);
        var options = new AgentTrainingOptions
        {
            Episodes = spec.Episodes,
            Seed = spec.Seed,
            Threads = agentDefinition.Threads(spec.Agent.Options),
            StopAt = spec.StopAt is { } stop ? new StopCriterion(stop.MeanReturn, stop.Window) : null,
            KeepBest = spec.KeepBest is { } keep ? new BestPolicyCheck(keep.Every, keep.Episodes) : null,
        };

        progress?.Report($"Training {spec.Agent.Name} in {spec.Environment.Name} for {spec.Episodes} episodes (seed {spec.Seed})");
        var trained = AgentTrainer.Train(environment, agent, options, episodes);
        try
        {
            if (trained.Device is { } device) progress?.Report($"Trained on {device.Name} ({device.Reason})");
            if (trained.History.SolvedAtEpisode is { } solved)
                progress?.Report($"Solved at episode {solved}: mean return of the last {spec.StopAt!.Window} episodes ≥ {spec.StopAt.MeanReturn}");
            if (trained.History.PolicyEpisode is { } kept)
                progress?.Report($"Keeping the policy of episode {kept} (mean return {trained.History.PolicyCheckReturn:0.###} in its check)");
            progress?.Report($"Evaluating the greedy policy over {spec.EvaluationEpisodes} episodes");
            var evaluation = PolicyEvaluator.Evaluate(trained.Policy, environmentDefinition.Create(spec.Environment.Options), spec.EvaluationEpisodes, spec.Seed);
            var evaluationInfo = EvaluationInfo.From(evaluation);
            var policyEntry = new HeadInfo(trained.Policy.Kind, $"policy/{trained.Policy.Kind}.json");
            var manifest = new ModelManifest
            {
                FormatVersion = ModelManifest.ReinforcementFormat,
                Name = spec.Name,
                Task = MlTask.Reinforcement,
                Trainer = spec.Agent.Name,
                InputSchema = environment.StateVariables.Select(v => new InputColumn(v, ColumnKind.Numeric)).ToList(),
                Featurization = [],
                Metrics = new Evaluation.EvaluationReport(evaluationInfo.Metrics(), evaluation.Episodes),
                EpisodeHistory = EpisodeHistoryInfo.From(trained.History),
                Reinforcement = new ReinforcementInfo(SpecWriter.Write(spec.Environment)!, SpecWriter.Write(spec.Agent)!,
                    environment.StateVariables, environment.ActionNames, policyEntry, SnakeCase.Of(trained.Policy.ScoreKind), evaluationInfo),
                Provenance = new Provenance
                {
                    Spec = SpecWriter.Write(spec)!,
                    SpecPath = Path.GetFullPath(loaded.Path),
                    TrainRows = (int)Math.Min(int.MaxValue, trained.History.Steps),
                    TestRows = evaluation.Lengths.Sum(),
                    Seed = spec.Seed,
                    Versions = VersionInfo.Libraries(),
                    Device = trained.Device?.Name ?? "cpu",
                    StartedAt = started,
                    DurationSeconds = clock.Elapsed.TotalSeconds,
                },
            };
            if (outputPath is not null)
            {
                progress?.Report($"Writing {outputPath}");
                ModelBundle.WritePolicy(outputPath, manifest, trained.Policy);
            }
            var model = PolicyModel.From(manifest, trained.Policy, spec.Environment);
            return new ReinforcementResult(manifest, outputPath is null ? null : Path.GetFullPath(outputPath), model, trained.History, evaluation);
        }
        catch
        {
            trained.Policy.Dispose();
            throw;
        }
    }
}
