using System.Text.Json.Nodes;
using DeepLearning.Trainers.Reinforcement;

namespace DeepLearning.Pipelines.Bundle;

/// <summary>What a reinforcement-learning bundle holds besides the common manifest (<c>reinforcement</c>).</summary>
/// <param name="Environment">The environment as the resolved spec names it (<c>name</c> and every option).</param>
/// <param name="Agent">The agent, likewise.</param>
/// <param name="StateVariables">The numbers that describe a state (what <c>dlp predict --state</c> takes, in order).</param>
/// <param name="Actions">Action names, by index.</param>
/// <param name="Policy">The policy's kind (<c>q_table</c> or <c>policy_network</c>) and zip entry.</param>
/// <param name="Scores">What the policy scores actions with: <c>q_values</c> or <c>probabilities</c>.</param>
/// <param name="Evaluation">The evaluation after training.</param>
public sealed record ReinforcementInfo(
    JsonNode Environment,
    JsonNode Agent,
    IReadOnlyList<string> StateVariables,
    IReadOnlyList<string> Actions,
    HeadInfo Policy,
    string Scores,
    EvaluationInfo Evaluation);

/// <summary>Episodes of the greedy policy after training.</summary>
/// <param name="Episodes">Episodes run.</param>
/// <param name="Seed">The seed they ran with (<c>dlp evaluate</c> with the same seed gives the same returns).</param>
/// <param name="MeanReturn">Mean return.</param>
/// <param name="StdReturn">Standard deviation of the returns (population).</param>
/// <param name="MinReturn">Lowest return.</param>
/// <param name="MaxReturn">Highest return.</param>
/// <param name="MeanLength">Mean steps per episode.</param>
public sealed record EvaluationInfo(int Episodes, int Seed, double MeanReturn, double StdReturn, double MinReturn, double MaxReturn, double MeanLength)
{
    /// <summary>The manifest form of <paramref name="evaluation"/>.</summary>
    public static EvaluationInfo From(PolicyEvaluation evaluation) => new(evaluation.Episodes, evaluation.Seed,
        evaluation.MeanReturn, evaluation.StdReturn, evaluation.MinReturn, evaluation.MaxReturn, evaluation.MeanLength);

    /// <summary>The scalar metrics (<c>mean_return</c>, …) as the manifest's <c>metrics</c> holds them.</summary>
    public IReadOnlyDictionary<string, double> Metrics() => new Dictionary<string, double>
    {
        ["mean_return"] = MeanReturn,
        ["std_return"] = StdReturn,
        ["min_return"] = MinReturn,
        ["max_return"] = MaxReturn,
        ["mean_length"] = MeanLength,
    };
}

/// <summary>The training episodes, as the manifest stores them (<c>episode_history</c>).</summary>
/// <param name="Episodes">Episodes that ran.</param>
/// <param name="Returns">Return of each episode.</param>
/// <param name="Lengths">Steps of each episode.</param>
/// <param name="Epsilon">ε of each episode (ε-greedy agents); absent otherwise.</param>
/// <param name="Regret">The bandit: regret of each episode's pull (μ* − μₐ); absent otherwise.</param>
/// <param name="Stopped"><c>completed</c>, or <c>solved at episode N</c> (the stop_at criterion was met).</param>
/// <param name="Steps">Environment steps over all episodes.</param>
/// <param name="Updates">Learning updates (table updates or optimiser steps).</param>
/// <param name="TrainSeconds">Seconds of the episode loop alone.</param>
/// <param name="PolicyEpisode">With <c>keep_best</c>: the episode whose policy the bundle holds; absent: the last.</param>
/// <param name="PolicyCheckReturn">With <c>keep_best</c>: that policy's mean return in its check.</param>
public sealed record EpisodeHistoryInfo(
    int Episodes,
    IReadOnlyList<double> Returns,
    IReadOnlyList<int> Lengths,
    IReadOnlyList<double>? Epsilon,
    IReadOnlyList<double>? Regret,
    string Stopped,
    long Steps,
    long Updates,
    double TrainSeconds,
    int? PolicyEpisode = null,
    double? PolicyCheckReturn = null)
{
    /// <summary>The manifest form of <paramref name="history"/>.</summary>
    public static EpisodeHistoryInfo From(EpisodeHistory history) => new(history.Episodes, history.Returns, history.Lengths,
        history.Epsilons, history.Regrets, history.SolvedAtEpisode is { } e ? $"solved at episode {e}" : "completed",
        history.Steps, history.Updates, history.TrainSeconds, history.PolicyEpisode, history.PolicyCheckReturn);

    /// <summary>One line for people: episodes, the last 100 episodes' mean return, how it stopped, which policy was kept.</summary>
    public string Summary()
    {
        var window = Returns.TakeLast(Math.Min(100, Returns.Count)).ToList();
        var mean = window.Count > 0 ? $", mean return of the last {window.Count} {window.Average():G4}" : "";
        var kept = PolicyEpisode is { } p ? $"; policy of episode {p} kept (check mean {PolicyCheckReturn:G4})" : "";
        return $"{Episodes} episode(s), {Steps} steps{mean}; {Stopped}{kept}";
    }
}
