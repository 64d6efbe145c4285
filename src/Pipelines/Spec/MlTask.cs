namespace DeepLearning.Pipelines.Spec;

/// <summary>What a pipeline learns.</summary>
public enum MlTask
{
    /// <summary>Predict a number.</summary>
    Regression,
    /// <summary>Predict one of two classes.</summary>
    Binary,
    /// <summary>Predict one of several classes.</summary>
    Multiclass,
    /// <summary>Group unlabelled rows.</summary>
    Clustering,
    /// <summary>Project rows to fewer dimensions.</summary>
    DimensionalityReduction,
    /// <summary>Score how unusual each row is.</summary>
    Anomaly,
    /// <summary>An agent learns by trial and error in an environment, from rewards rather than from data.</summary>
    Reinforcement,
}

/// <summary>Task facts used across the pipeline.</summary>
public static class MlTaskExtensions
{
    /// <summary>Whether the task trains on a label.</summary>
    public static bool IsSupervised(this MlTask task) => task is MlTask.Regression or MlTask.Binary or MlTask.Multiclass;

    /// <summary>Whether the label is a class.</summary>
    public static bool IsClassification(this MlTask task) => task is MlTask.Binary or MlTask.Multiclass;

    /// <summary>Which keys of a spec the task reads: the data tasks read data, a trainer and transforms;
    /// reinforcement reads an environment and an agent.</summary>
    public static TaskScope Scope(this MlTask task) => task == MlTask.Reinforcement ? TaskScope.Reinforcement : TaskScope.Data;
}
