namespace DeepLearning.Pipelines.Spec;

/// <summary>The <c>trainer</c> section: a trainer name and the options record that trainer declares.</summary>
/// <param name="Name">The trainer's spec name, e.g. <c>sdca</c>.</param>
/// <param name="Options">An instance of the trainer's options record, defaults filled in.</param>
public sealed record TrainerSpec(string Name, object Options);

/// <summary>One entry of <c>transforms</c>: a transform name and its options record.</summary>
/// <param name="Name">The transform's spec name, e.g. <c>normalize</c>.</param>
/// <param name="Options">An instance of the transform's options record.</param>
public sealed record TransformSpec(string Name, object Options);
