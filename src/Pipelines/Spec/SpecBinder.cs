using System.Collections;
using System.Globalization;
using System.Reflection;
using DeepLearning.Pipelines.Reinforcement;

namespace DeepLearning.Pipelines.Spec;

/// <summary>Binds a <see cref="SpecNode"/> tree to option records, checking types, ranges, required and unknown
/// keys. Collects every error rather than stopping at the first, so one `dlp validate` shows them all.
/// Environments and agents (task reinforcement) default to the built-in catalogs.</summary>
public sealed class SpecBinder(IOptionsCatalog trainers, IOptionsCatalog transforms, IOptionsCatalog? environments = null, IOptionsCatalog? agents = null)
{
    private readonly List<SpecError> errors = [];
    private readonly NullabilityInfoContext nullability = new();
    private readonly IOptionsCatalog environments = environments ?? EnvironmentCatalog.Default;
    private readonly IOptionsCatalog agents = agents ?? AgentCatalog.Default;

    /// <summary>Binds the whole document to <see cref="PipelineSpec"/>; throws <see cref="SpecException"/> on any error.</summary>
    public PipelineSpec BindPipeline(SpecNode root)
    {
        errors.Clear();
        var spec = (PipelineSpec?)BindRecord(root, typeof(PipelineSpec), "", task: TaskOf(root));
        if (errors.Count > 0 || spec is null) throw new SpecException(errors.ToList());
        return spec;
    }

    /// <summary>The task a document declares, which decides the top-level keys it may and must have. Without a
    /// `task` key the data tasks' keys are expected (as before reinforcement existed); with a task that is not
    /// one, no scoped key is demanded or refused (the task's own error says what is wrong).</summary>
    private static (MlTask? Task, bool Known) TaskOf(SpecNode root)
    {
        if ((root as SpecMap)?.Get("task") is not { } node) return (null, true);
        var names = Enum.GetValues<MlTask>().ToDictionary(t => SnakeCase.Of(t));
        return node is SpecScalar s && names.TryGetValue(s.Value, out var task) ? (task, true) : (null, false);
    }

    /// <summary>Binds a map to an options record of type <paramref name="type"/> (used by tests and catalogs).</summary>
    public object BindOptions(SpecNode node, Type type, string path)
    {
        errors.Clear();
        var value = BindRecord(node, type, path);
        if (errors.Count > 0 || value is null) throw new SpecException(errors.ToList());
        return value;
    }

    private void Error(SpecNode node, string path, string message) => errors.Add(new SpecError(node.Location, path, message));

    private object? BindRecord(SpecNode node, Type type, string path, ISet<string>? skipKeys = null, (MlTask? Task, bool Known)? task = null)
    {
        if (node is not SpecMap map)
        {
            Error(node, path, $"expected a map of options, received {Describe(node)}");
            return null;
        }
        var instance = Activator.CreateInstance(type)!;
        var properties = OptionProperties(type);
        var byKey = properties.ToDictionary(p => SnakeCase.From(p.Name));
        var seen = new HashSet<string>();
        foreach (var (key, value) in map.Entries)
        {
            if (skipKeys?.Contains(key) == true) continue;
            var keyPath = Join(path, key);
            if (!seen.Add(key)) { Error(value, keyPath, "this key is given twice"); continue; }
            if (!byKey.TryGetValue(key, out var property))
            {
                var allowed = byKey.Keys.Concat(skipKeys ?? new HashSet<string>()).Where(k => !byKey.TryGetValue(k, out var p) || InScope(p, task) != false).OrderBy(k => k).ToList();
                Error(value, keyPath, $"unknown key '{key}'{Suggest(key, allowed)}; allowed keys here: {string.Join(", ", allowed)}");
                continue;
            }
            if (InScope(property, task) == false)
            {
                Error(value, keyPath, OutOfScope(key, task!.Value.Task, byKey));
                continue;
            }
            var bound = BindValue(value, property, keyPath);
            if (bound.Ok) property.SetValue(instance, bound.Value);
        }
        foreach (var (key, property) in byKey)
            if (!seen.Contains(key) && property.GetCustomAttribute<OptionAttribute>()!.Required && InScope(property, task) == true)
                Error(map, Join(path, key), $"required key '{key}' is missing ({property.GetCustomAttribute<OptionAttribute>()!.Description})");
        return instance;
    }

    /// <summary>Whether the task reads the key: true, false, or null when the task is unknown (a misspelt task).
    /// Keys of records other than the top level are always in scope.</summary>
    private static bool? InScope(PropertyInfo property, (MlTask? Task, bool Known)? task)
    {
        var scope = property.GetCustomAttribute<OptionAttribute>()!.Scope;
        if (scope == TaskScope.All || task is null) return true;
        if (!task.Value.Known) return null;
        // No task key at all: the data tasks' keys, as before reinforcement existed.
        return scope == (task.Value.Task?.Scope() ?? TaskScope.Data);
    }

    private static string OutOfScope(string key, MlTask? task, Dictionary<string, PropertyInfo> byKey)
    {
        if (task == MlTask.Reinforcement)
        {
            var keys = byKey.Where(k => k.Value.GetCustomAttribute<OptionAttribute>()!.Scope != TaskScope.Data).Select(k => k.Key);
            return $"not used by task reinforcement: an agent learns from the rewards of its environment, not from a data file, a label or a trainer; remove '{key}' (task reinforcement reads: {string.Join(", ", keys)})";
        }
        var why = task is { } t ? $" (task {SnakeCase.Of(t)} learns from `data` with a `trainer`)" : "";
        return $"only for task reinforcement; remove '{key}', or set task: reinforcement{why}";
    }

    /// <summary>The properties of an options record that carry <see cref="OptionAttribute"/>, in declaration order.</summary>
    public static IReadOnlyList<PropertyInfo> OptionProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<OptionAttribute>() is not null)
            .OrderBy(p => p.MetadataToken)
            .ToList();

    private (bool Ok, object? Value) BindValue(SpecNode node, PropertyInfo property, string path)
    {
        var option = property.GetCustomAttribute<OptionAttribute>()!;
        var nullable = nullability.Create(property).WriteState == NullabilityState.Nullable;
        return BindTyped(node, property.PropertyType, nullable, option, path);
    }

    private (bool Ok, object? Value) BindTyped(SpecNode node, Type type, bool nullable, OptionAttribute? option, string path)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null) { type = underlying; nullable = true; }
        if (node is SpecScalar { IsNull: true })
        {
            if (nullable) return (true, null);
            Error(node, path, $"received null; allowed: {Expected(type, option)}");
            return (false, null);
        }
        int before = errors.Count;
        object? value = type switch
        {
            _ when type == typeof(string) => BindString(node, path),
            _ when type == typeof(bool) => BindScalar(node, path, type, option, s => bool.TryParse(s, out var b) && s is "true" or "false" ? b : null),
            _ when type == typeof(int) => BindScalar(node, path, type, option, s => int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? i : null),
            _ when type == typeof(double) => BindScalar(node, path, type, option, s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null),
            _ when type.IsEnum => BindEnum(node, path, type),
            _ when type == typeof(TrainerSpec) => BindNamed(node, path, trainers, "trainer", (n, o) => new TrainerSpec(n, o)),
            _ when type == typeof(EnvironmentSpec) => BindNamed(node, path, environments, "environment", (n, o) => new EnvironmentSpec(n, o)),
            _ when type == typeof(AgentSpec) => BindNamed(node, path, agents, "agent", (n, o) => new AgentSpec(n, o)),
            _ when type == typeof(TransformSpec) => BindTransform(node, path),
            _ when IsGeneric(type, typeof(IReadOnlyList<>)) => BindList(node, path, type.GetGenericArguments()[0], option),
            _ when IsGeneric(type, typeof(IReadOnlyDictionary<,>)) => BindDictionary(node, path, type.GetGenericArguments()[1]),
            _ => BindRecord(node, type, path),
        };
        return (errors.Count == before, value);
    }

    private object? BindString(SpecNode node, string path)
    {
        if (node is SpecScalar s) return s.Value;
        Error(node, path, $"expected a string, received {Describe(node)}");
        return null;
    }

    private object? BindScalar(SpecNode node, string path, Type type, OptionAttribute? option, Func<string, object?> parse)
    {
        var value = node is SpecScalar { Quoted: false } s ? parse(s.Value) : null;
        if (value is null)
        {
            Error(node, path, $"received {Describe(node)}; allowed: {Expected(type, option)}");
            return null;
        }
        if (option is not null && value is int or double)
        {
            var number = System.Convert.ToDouble(value, CultureInfo.InvariantCulture);
            bool low = !double.IsNaN(option.Min) && (option.ExclusiveMin ? number <= option.Min : number < option.Min);
            bool high = !double.IsNaN(option.Max) && (option.ExclusiveMax ? number >= option.Max : number > option.Max);
            if (low || high)
            {
                Error(node, path, $"received {((SpecScalar)node).Value}; allowed: {Expected(type, option)}");
                return null;
            }
        }
        return value;
    }

    private object? BindEnum(SpecNode node, string path, Type type)
    {
        var names = Enum.GetValues(type).Cast<Enum>().ToDictionary(SnakeCase.Of);
        if (node is SpecScalar s && names.TryGetValue(s.Value, out var value)) return value;
        var received = node is SpecScalar sc ? sc.Value : "";
        Error(node, path, $"received {Describe(node)}{Suggest(received, names.Keys)}; allowed: {string.Join(" | ", names.Keys)}");
        return null;
    }

    private object? BindList(SpecNode node, string path, Type itemType, OptionAttribute? option)
    {
        if (node is not SpecList list)
        {
            Error(node, path, $"expected a list, received {Describe(node)}");
            return null;
        }
        if (option is not null && list.Items.Count < option.MinItems)
        {
            Error(node, path, $"received {list.Items.Count} item(s); allowed: a list of at least {option.MinItems}");
            return null;
        }
        var result = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(itemType))!;
        for (int i = 0; i < list.Items.Count; i++)
        {
            var bound = BindTyped(list.Items[i], itemType, false, null, $"{path}[{i}]");
            if (bound.Ok) result.Add(bound.Value);
        }
        return result;
    }

    private object? BindDictionary(SpecNode node, string path, Type valueType)
    {
        if (node is not SpecMap map)
        {
            Error(node, path, $"expected a map, received {Describe(node)}");
            return null;
        }
        var result = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType))!;
        foreach (var (key, value) in map.Entries)
        {
            var bound = BindTyped(value, valueType, false, null, Join(path, key));
            if (bound.Ok) result[key] = bound.Value;
        }
        return result;
    }

    private object? BindNamed(SpecNode node, string path, IOptionsCatalog catalog, string what, Func<string, object, INamedSpec> make)
    {
        if (node is not SpecMap map || map.Get("name") is not SpecScalar name)
        {
            Error(node, path, $"expected a map with a `name` key naming the {what}, received {Describe(node)}; allowed names: {string.Join(", ", catalog.Names)}");
            return null;
        }
        var type = catalog.OptionsType(name.Value);
        if (type is null)
        {
            Error(name, Join(path, "name"), $"unknown {what} {name.Display}{Suggest(name.Value, catalog.Names)}; allowed: {string.Join(", ", catalog.Names)}");
            return null;
        }
        var options = BindRecord(map, type, path, new HashSet<string> { "name" });
        return options is null ? null : make(name.Value, options);
    }

    private object? BindTransform(SpecNode node, string path)
    {
        if (node is not SpecMap { Entries.Count: 1 } map)
        {
            Error(node, path, $"expected a one-key map such as `normalize: {{ method: min_max }}`, received {Describe(node)}; allowed transforms: {string.Join(", ", transforms.Names)}");
            return null;
        }
        var (name, body) = map.Entries[0];
        var type = transforms.OptionsType(name);
        if (type is null)
        {
            Error(map, Join(path, name), $"unknown transform '{name}'{Suggest(name, transforms.Names)}; allowed: {string.Join(", ", transforms.Names)}");
            return null;
        }
        // `- one_hot: {}` and `- one_hot:` (null) both mean "all defaults".
        var optionsNode = body is SpecScalar { IsNull: true } ? new SpecMap([], body.Location) : body;
        var options = BindRecord(optionsNode, type, Join(path, name));
        return options is null ? null : new TransformSpec(name, options);
    }

    private static bool IsGeneric(Type type, Type definition) => type.IsGenericType && type.GetGenericTypeDefinition() == definition;

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string Describe(SpecNode node) => node switch
    {
        SpecScalar s => s.Display,
        SpecList => "a list",
        SpecMap => "a map",
        _ => "a value",
    };

    /// <summary>What a value of <paramref name="type"/> may be, for "allowed: …".</summary>
    public static string Expected(Type type, OptionAttribute? option)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        string range = "";
        if (option is not null && (!double.IsNaN(option.Min) || !double.IsNaN(option.Max)))
        {
            var parts = new List<string>();
            if (!double.IsNaN(option.Min)) parts.Add((option.ExclusiveMin ? "> " : "≥ ") + option.Min.ToString(CultureInfo.InvariantCulture));
            if (!double.IsNaN(option.Max)) parts.Add((option.ExclusiveMax ? "< " : "≤ ") + option.Max.ToString(CultureInfo.InvariantCulture));
            range = " " + string.Join(" and ", parts);
        }
        if (type == typeof(int)) return "an integer" + range;
        if (type == typeof(double)) return "a number" + range;
        if (type == typeof(bool)) return "true or false";
        if (type.IsEnum) return string.Join(" | ", Enum.GetValues(type).Cast<Enum>().Select(SnakeCase.Of));
        return "a " + type.Name;
    }

    /// <summary>" (did you mean 'x'?)" when a known name is within two edits.</summary>
    public static string Suggest(string received, IEnumerable<string> known)
    {
        var best = known.Select(k => (k, d: Distance(received, k))).OrderBy(x => x.d).FirstOrDefault();
        return best.k is not null && best.d <= Math.Max(1, Math.Min(2, received.Length / 3)) ? $" (did you mean '{best.k}'?)" : "";
    }

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }
}
