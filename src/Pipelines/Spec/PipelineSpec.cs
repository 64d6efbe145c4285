namespace DeepLearning.Pipelines.Spec;

/// <summary>A declarative pipeline: data, features, transforms, trainer and evaluation — or, for task
/// reinforcement, an environment and an agent. Keys are snake_case.</summary>
public sealed record PipelineSpec
{
    /// <summary>Pipeline name.</summary>
    [Option("Name of the pipeline; it names the model.", Required = true)]
    public string Name { get; init; } = "";

    /// <summary>Task.</summary>
    [Option("What is learned.", Required = true)]
    public MlTask Task { get; init; }

    /// <summary>Data.</summary>
    [Option("Where the data comes from and how to read it.", Required = true, Scope = TaskScope.Data)]
    public DataSpec Data { get; init; } = new();

    /// <summary>Label column.</summary>
    [Option("The column to predict. Required for regression, binary and multiclass; for clustering and anomaly it is used for evaluation only.", Scope = TaskScope.Data)]
    public string? Label { get; init; }

    /// <summary>Feature columns.</summary>
    [Option("The input columns. Omitted: every column except the label and ignored columns.", Scope = TaskScope.Data)]
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>Transforms in order.</summary>
    [Option("Transforms applied in order before the trainer; each is a one-key map such as `normalize: { method: min_max }`.", Scope = TaskScope.Data)]
    public IReadOnlyList<TransformSpec> Transforms { get; init; } = [];

    /// <summary>Trainer.</summary>
    [Option("The trainer: `name` plus that trainer's options.", Required = true, Scope = TaskScope.Data)]
    public TrainerSpec Trainer { get; init; } = new("", new object());

    /// <summary>Environment.</summary>
    [Option("Task reinforcement: the environment the agent learns in, `name` (grid_world, bandit, cart_pole) plus its options.", Required = true, Scope = TaskScope.Reinforcement)]
    public EnvironmentSpec Environment { get; init; } = new("", new object());

    /// <summary>Agent.</summary>
    [Option("Task reinforcement: the learning agent, `name` (q_learning, dqn, reinforce) plus its options.", Required = true, Scope = TaskScope.Reinforcement)]
    public AgentSpec Agent { get; init; } = new("", new object());

    /// <summary>Training episodes.</summary>
    [Option("Task reinforcement: training episodes (at most, with `stop_at`).", Min = 1, Scope = TaskScope.Reinforcement)]
    public int Episodes { get; init; } = 500;

    /// <summary>Evaluation episodes.</summary>
    [Option("Task reinforcement: episodes of the trained (greedy) policy after training; their mean and standard deviation of the return are the model's metrics.", Min = 1, Scope = TaskScope.Reinforcement)]
    public int EvaluationEpisodes { get; init; } = 100;

    /// <summary>Stop criterion.</summary>
    [Option("Task reinforcement: stop training once the mean return of the last `window` episodes reaches `mean_return`; omitted: run every episode.", Scope = TaskScope.Reinforcement)]
    public StopAtSpec? StopAt { get; init; }

    /// <summary>Best-policy checks.</summary>
    [Option("Task reinforcement: every `every` episodes (and at the end) the greedy policy plays `episodes` check episodes, the same ones each time; the best one is kept for the bundle instead of the last (DQN often learns a good policy and loses it again); omitted: the last policy.", Scope = TaskScope.Reinforcement)]
    public KeepBestSpec? KeepBest { get; init; }

    /// <summary>Seed.</summary>
    [Option("Seed for splits, shuffles and trainers (reinforcement: the environment's episodes, exploration and initial weights): same spec, data and seed give the same model.")]
    public int Seed { get; init; } = 42;

    /// <summary>Anomaly settings.</summary>
    [Option("For task anomaly: which label values are normal, what to train on, and the alarm threshold.", Scope = TaskScope.Data)]
    public AnomalySpec Anomaly { get; init; } = new();

    /// <summary>Promotion gate.</summary>
    [Option("With `dlp train --registry`: when the new model replaces the champion.", Scope = TaskScope.Data)]
    public PromotionSpec Promotion { get; init; } = new();

    /// <summary>Evaluation.</summary>
    [Option("How the model is evaluated.", Scope = TaskScope.Data)]
    public EvaluateSpec Evaluate { get; init; } = new();
}

/// <summary>The <c>stop_at</c> section (task reinforcement): Gym's "solved" criterion.</summary>
public sealed record StopAtSpec
{
    /// <summary>Target.</summary>
    [Option("Mean return over the last `window` training episodes at which training stops.", Required = true)]
    public double MeanReturn { get; init; }

    /// <summary>Window.</summary>
    [Option("Episodes averaged.", Min = 1)]
    public int Window { get; init; } = 100;
}

/// <summary>The <c>keep_best</c> section (task reinforcement).</summary>
public sealed record KeepBestSpec
{
    /// <summary>Interval.</summary>
    [Option("Training episodes between checks.", Min = 1)]
    public int Every { get; init; } = 10;

    /// <summary>Check size.</summary>
    [Option("Greedy episodes per check.", Min = 1)]
    public int Episodes { get; init; } = 5;
}
