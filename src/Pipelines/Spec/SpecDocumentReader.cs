using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DeepLearning.Pipelines.Spec;

/// <summary>Reads YAML or JSON text into a <see cref="SpecNode"/> tree. JSON is read by the YAML parser
/// (JSON is YAML's flow style), so both formats get line and column numbers in errors.</summary>
public static class SpecDocumentReader
{
    /// <summary>Parses <paramref name="text"/>; <paramref name="source"/> names it in errors.</summary>
    public static SpecNode Read(string text, string source)
    {
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(text));
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException e)
        {
            var at = new SourceLocation(source, (int)e.Start.Line, (int)e.Start.Column);
            var why = e.InnerException?.Message ?? e.Message;
            throw new SpecException(new SpecError(at, "", $"the file is not valid YAML or JSON: {Clean(why)}"));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, with no position, when a flow list or map left open runs into a
            // line that is not indented under it (`features: [a, b` then `seed: 1`); the scanner knows where it stopped.
            var at = new SourceLocation(source, (int)scanner.CurrentPosition.Line, (int)scanner.CurrentPosition.Column);
            throw new SpecException(new SpecError(at, "", "the file is not valid YAML or JSON: a [ list ] or { map } is still open here (is a ] or } missing?)"));
        }
        if (stream.Documents.Count == 0)
            throw new SpecException(new SpecError(new SourceLocation(source, 1, 1), "", "the spec is empty"));
        if (stream.Documents.Count > 1)
            throw new SpecException(new SpecError(new SourceLocation(source, 1, 1), "", "the spec holds several YAML documents; give one"));
        return Convert(stream.Documents[0].RootNode, source);
    }

    /// <summary>Parses one value given on the command line (<c>--set key=value</c>): a scalar, or a flow list/map.</summary>
    public static SpecNode ReadValue(string text, string source)
    {
        if (text.Length == 0) return new SpecScalar("", true, new SourceLocation(source, 0, 0));
        var node = Read(text, source);
        return Relocate(node, new SourceLocation(source, 0, 0));
    }

    private static SpecNode Relocate(SpecNode node, SourceLocation at) => node switch
    {
        SpecScalar s => s with { Location = at },
        SpecList l => new SpecList(l.Items.Select(i => Relocate(i, at)).ToList(), at),
        SpecMap m => new SpecMap(m.Entries.Select(e => KeyValuePair.Create(e.Key, Relocate(e.Value, at))).ToList(), at),
        _ => node,
    };

    private static SpecNode Convert(YamlNode node, string source)
    {
        var at = new SourceLocation(source, (int)node.Start.Line, (int)node.Start.Column);
        switch (node)
        {
            case YamlScalarNode s:
                return new SpecScalar(s.Value ?? "", s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded, at);
            case YamlSequenceNode seq:
                return new SpecList(seq.Children.Select(c => Convert(c, source)).ToList(), at);
            case YamlMappingNode map:
                var entries = new List<KeyValuePair<string, SpecNode>>();
                foreach (var (key, value) in map.Children)
                {
                    if (key is not YamlScalarNode k)
                        throw new SpecException(new SpecError(at, "", "a mapping key must be a plain name"));
                    entries.Add(KeyValuePair.Create(k.Value ?? "", Convert(value, source)));
                }
                return new SpecMap(entries, at);
            default:
                throw new SpecException(new SpecError(at, "", $"unsupported YAML node {node.NodeType}"));
        }
    }

    private static string Clean(string message)
    {
        // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (...): "; the location is already ours.
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 ? message[(cut + 3)..] : message;
    }
}
