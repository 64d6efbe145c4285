namespace DeepLearning.Pipelines.Spec;

/// <summary>Applies <c>--set key.path=value</c> overrides to a parsed spec before binding, so an override is
/// checked exactly like the file. Path segments are map keys, or list indexes (<c>transforms.0.normalize.method</c>).</summary>
public static class SpecOverrides
{
    /// <summary>Returns <paramref name="root"/> with each override applied in order.</summary>
    public static SpecNode Apply(SpecNode root, IEnumerable<string> overrides)
    {
        foreach (var assignment in overrides)
        {
            var source = $"--set {assignment}";
            int eq = assignment.IndexOf('=');
            if (eq <= 0)
                throw new SpecException(new SpecError(new SourceLocation(source, 0, 0), "", "expected key.path=value, e.g. trainer.epochs=50"));
            var path = assignment[..eq].Trim().Split('.');
            if (path.Any(p => p.Length == 0))
                throw new SpecException(new SpecError(new SourceLocation(source, 0, 0), assignment[..eq], "a key path has an empty segment"));
            var value = SpecDocumentReader.ReadValue(assignment[(eq + 1)..], source);
            root = Set(root, path, 0, value, source);
        }
        return root;
    }

    private static SpecNode Set(SpecNode node, string[] path, int depth, SpecNode value, string source)
    {
        if (depth == path.Length) return value;
        var key = path[depth];
        var at = string.Join('.', path[..(depth + 1)]);
        switch (node)
        {
            case SpecMap map:
            {
                var entries = map.Entries.ToList();
                int index = entries.FindIndex(e => e.Key == key);
                var child = index >= 0 ? entries[index].Value : new SpecMap([], new SourceLocation(source, 0, 0));
                var updated = KeyValuePair.Create(key, Set(child, path, depth + 1, value, source));
                if (index >= 0) entries[index] = updated; else entries.Add(updated);
                return new SpecMap(entries, map.Location);
            }
            case SpecList list when int.TryParse(key, out var i):
            {
                if (i < 0 || i >= list.Items.Count)
                    throw new SpecException(new SpecError(new SourceLocation(source, 0, 0), at, $"index {i} is out of range; the list has {list.Items.Count} item(s)"));
                var items = list.Items.ToList();
                items[i] = Set(items[i], path, depth + 1, value, source);
                return new SpecList(items, list.Location);
            }
            default:
                throw new SpecException(new SpecError(new SourceLocation(source, 0, 0), at,
                    $"cannot set '{key}' inside a {(node is SpecList ? "list (use an index)" : "scalar")}"));
        }
    }
}
