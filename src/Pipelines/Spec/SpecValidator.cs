using DeepLearning.Pipelines.Reinforcement;
using DeepLearning.Pipelines.Trainers;

namespace DeepLearning.Pipelines.Spec;

/// <summary>Rules that span several keys (a single key's type and range are checked while binding).</summary>
public static class SpecValidator
{
    /// <summary>Throws <see cref="SpecException"/> with every rule broken.</summary>
    public static void Check(PipelineSpec spec, SpecNode root, TrainerCatalog trainers)
    {
        var errors = new List<SpecError>();
        SourceLocation? At(params string[] path)
        {
            SpecNode? node = root;
            foreach (var key in path) node = (node as SpecMap)?.Get(key);
            return node?.Location ?? root.Location;
        }

        if (spec.Task == MlTask.Reinforcement)
        {
            CheckReinforcement(spec, errors, At);
            if (errors.Count > 0) throw new SpecException(errors);
            return;
        }
        var task = SnakeCase.Of(spec.Task);
        var definition = trainers.Find(spec.Trainer.Name)!;
        if (!definition.Factories.ContainsKey(spec.Task))
            errors.Add(new SpecError(At("trainer", "name"), "trainer.name",
                $"received '{spec.Trainer.Name}', which does not do {task} (it does: {string.Join(", ", definition.Tasks.Select(t => SnakeCase.Of(t)))}); allowed for {task}: {string.Join(", ", trainers.NamesFor(spec.Task))}"));
        if (spec.Trainer.Options is OneVersusAllOptions ova && trainers.Find(ova.Binary.Name) is { } inner && !inner.Factories.ContainsKey(MlTask.Binary))
            errors.Add(new SpecError(At("trainer", "binary"), "trainer.binary.name",
                $"received '{ova.Binary.Name}', which is not a binary trainer; allowed: {string.Join(", ", trainers.NamesFor(MlTask.Binary))}"));
        if (spec.Trainer.Options is AutoencoderOptions autoencoder)
        {
            bool convolutional = autoencoder.Variant == DeepLearning.Trainers.Networks.AutoencoderVariant.Convolutional;
            if (convolutional && autoencoder.Image is null)
                errors.Add(new SpecError(At("trainer", "variant"), "trainer.image",
                    "required when trainer.variant is convolutional: how each row's features lay out as pixels, e.g. { channels: 1, height: 8, width: 8 }"));
            // Given with the dense variant they would be silently ignored.
            var given = (root as SpecMap)?.Get("trainer") as SpecMap;
            foreach (var key in new[] { "image", "filters" }.Where(k => !convolutional && given?.Get(k) is { } node && node is not SpecScalar { IsNull: true }))
                errors.Add(new SpecError(At("trainer", key), $"trainer.{key}", $"applies to trainer.variant convolutional only; received it with variant {SnakeCase.Of(autoencoder.Variant)}"));
        }
        if (spec.Task.IsSupervised() && string.IsNullOrWhiteSpace(spec.Label))
            errors.Add(new SpecError(root.Location, "label", $"required for task {task}: name the column to predict"));
        if (spec.Label is { } label && spec.Features?.Contains(label) == true)
            errors.Add(new SpecError(At("features"), "features", $"lists the label '{label}'; a model cannot take its own answer as input"));
        if (spec.Features is { Count: 0 })
            errors.Add(new SpecError(At("features"), "features", "received an empty list; list at least one column, or omit the key to use all but the label"));
        if (spec.Features is { } features && features.GroupBy(f => f).FirstOrDefault(g => g.Count() > 1) is { } twice)
            errors.Add(new SpecError(At("features"), "features", $"lists '{twice.Key}' twice"));
        if (spec.Evaluate.CrossValidation == 1)
            errors.Add(new SpecError(At("evaluate", "cross_validation"), "evaluate.cross_validation", "received 1; allowed: 0 (none) or 2–50 folds"));
        if (spec.Data.Separator != "auto" && spec.Data.Separator != "\\t" && spec.Data.Separator.Length != 1)
            errors.Add(new SpecError(At("data", "separator"), "data.separator", $"received '{spec.Data.Separator}'; allowed: auto, \\t, or one character"));
        if (spec.Data.Separator is "\"" or "\n" or "\r")
            errors.Add(new SpecError(At("data", "separator"), "data.separator", "a quote or line break cannot separate fields"));
        foreach (var (column, kind) in spec.Data.Columns)
            if (kind == ColumnKind.Image)
                errors.Add(new SpecError(At("data", "columns", column), $"data.columns.{column}", "received 'image'; a column cannot be declared an image: describe the pixels with data.image"));
        if (spec.Data.Image is null)
        {
            if (spec.Data.TrainLabels is not null)
                errors.Add(new SpecError(At("data", "train_labels"), "data.train_labels", "an IDX label file needs data.image (the shape of the images in data.train)"));
            if (spec.Data.TestLabels is not null)
                errors.Add(new SpecError(At("data", "test_labels"), "data.test_labels", "an IDX label file needs data.image (the shape of the images in data.test)"));
            if (spec.Trainer.Options is CnnOptions)
                errors.Add(new SpecError(At("trainer", "name"), "data.image", $"trainer '{spec.Trainer.Name}' needs images: declare data.image {{ channels, height, width }}"));
        }
        else if (spec.Trainer.Options is CnnOptions cnn)
            errors.AddRange(cnn.Check(spec.Data.Image, At("trainer", "blocks")));
        if (spec.Data.Image is not null && spec.Data.TestLabels is not null && spec.Data.Test is null)
            errors.Add(new SpecError(At("data", "test_labels"), "data.test_labels", "received a label file but no data.test image file"));
        if (spec.Name.Trim().Length == 0)
            errors.Add(new SpecError(At("name"), "name", "received an empty name"));
        StreamingRules.Check(spec, path => At(path), errors);
        if (errors.Count > 0) throw new SpecException(errors);
    }

    /// <summary>Task reinforcement: the agent must be able to learn in the environment, and the environment's
    /// options must make one (a map with a start and a reachable goal, as many means as arms, …).</summary>
    private static void CheckReinforcement(PipelineSpec spec, List<SpecError> errors, Func<string[], SourceLocation?> at)
    {
        if (spec.Name.Trim().Length == 0)
            errors.Add(new SpecError(at(["name"]), "name", "received an empty name"));
        var environment = EnvironmentCatalog.Default.Find(spec.Environment.Name);
        var agent = AgentCatalog.Default.Find(spec.Agent.Name);
        if (environment is not null && agent is not null && !agent.Environments.Contains(environment.Name))
            errors.Add(new SpecError(at(["agent", "name"]), "agent.name",
                $"received '{agent.Name}', which cannot learn in {environment.Name}: {agent.Name} {agent.Needs}, and {environment.State}; allowed for {environment.Name}: {string.Join(", ", AgentCatalog.Default.NamesFor(environment.Name))}"));
        if (environment is not null)
        {
            try
            {
                environment.Create(spec.Environment.Options);
            }
            catch (ArgumentException e)
            {
                var key = spec.Environment.Options switch { GridWorldSpec => "map", BanditSpec b when b.Means is not null => "means", _ => "" };
                var path = key.Length > 0 ? $"environment.{key}" : "environment";
                errors.Add(new SpecError(at(key.Length > 0 ? ["environment", key] : ["environment"]), path, e.Message));
            }
        }
        if (agent is not null)
        {
            try
            {
                agent.Create(spec.Agent.Options);
            }
            catch (SpecException e)
            {
                // e.g. a device that is not auto, cpu, cuda or cuda:N.
                errors.AddRange(e.Errors.Select(x => x with { Location = x.Location ?? at([.. x.Path.Split('.')]) }));
            }
        }
        if (spec.Agent.Options is DqnSpec dqn && dqn.BatchSize > dqn.ReplaySize)
            errors.Add(new SpecError(at(["agent", "batch_size"]), "agent.batch_size", $"received {dqn.BatchSize}, more than replay_size {dqn.ReplaySize}; a batch is drawn from the replay buffer"));
        foreach (var (hidden, name) in new[] { ((spec.Agent.Options as DqnSpec)?.Hidden, "dqn"), ((spec.Agent.Options as ReinforceSpec)?.Hidden, "reinforce") })
            if (hidden?.ToList().FindIndex(units => units < 1) is >= 0 and var bad)
                errors.Add(new SpecError(at(["agent", "hidden"]), $"agent.hidden[{bad}]", $"received {hidden[bad]}; allowed: a layer size of at least 1"));
    }
}
