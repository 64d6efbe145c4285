namespace DeepLearning.Pipelines.Spec;

/// <summary>A spec section that names one of several alternatives (<c>name: …</c>) and holds the options record
/// that alternative declares.</summary>
public interface INamedSpec
{
    /// <summary>The alternative's spec name.</summary>
    string Name { get; }

    /// <summary>An instance of its options record, defaults filled in.</summary>
    object Options { get; }
}

/// <summary>The <c>trainer</c> section: a trainer name and the options record that trainer declares.</summary>
/// <param name="Name">The trainer's spec name, e.g. <c>sdca</c>.</param>
/// <param name="Options">An instance of the trainer's options record, defaults filled in.</param>
public sealed record TrainerSpec(string Name, object Options) : INamedSpec;

/// <summary>The <c>environment</c> section (task reinforcement): an environment name and its options record.</summary>
/// <param name="Name">The environment's spec name, e.g. <c>cart_pole</c>.</param>
/// <param name="Options">An instance of the environment's options record.</param>
public sealed record EnvironmentSpec(string Name, object Options) : INamedSpec;

/// <summary>The <c>agent</c> section (task reinforcement): an agent name and its options record.</summary>
/// <param name="Name">The agent's spec name, e.g. <c>dqn</c>.</param>
/// <param name="Options">An instance of the agent's options record.</param>
public sealed record AgentSpec(string Name, object Options) : INamedSpec;

/// <summary>One entry of <c>transforms</c>: a transform name and its options record.</summary>
/// <param name="Name">The transform's spec name, e.g. <c>normalize</c>.</param>
/// <param name="Options">An instance of the transform's options record.</param>
public sealed record TransformSpec(string Name, object Options);
