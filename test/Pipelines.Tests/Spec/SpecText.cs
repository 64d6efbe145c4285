using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Tests.Spec;

/// <summary>Spec text shared by the spec tests, and helpers that parse it and pick out errors.</summary>
internal static class SpecText
{
    /// <summary>The fake file every spec is parsed as; errors must name it.</summary>
    public const string FilePath = "/tmp/x/spec.yaml";

    /// <summary>A valid regression spec; tests replace one line of it to break one thing.</summary>
    public const string Minimal = """
        name: t
        task: regression
        data:
          train: data.csv
        label: y
        trainer:
          name: ols
        """;

    public static LoadedSpec Parse(string text, params string[] overrides) =>
        SpecLoader.Parse(text, FilePath, overrides);

    /// <summary>Parses <paramref name="text"/>, which must fail, and returns the exception.</summary>
    public static SpecException Fails(string text, params string[] overrides) =>
        Assert.ThrowsExactly<SpecException>(() => SpecLoader.Parse(text, FilePath, overrides));

    /// <summary>The one error of <paramref name="e"/> at <paramref name="path"/>; fails if there is not exactly one.</summary>
    public static SpecError ErrorAt(SpecException e, string path)
    {
        var matches = e.Errors.Where(x => x.Path == path).ToList();
        Assert.HasCount(1, matches, $"errors at '{path}' in:{Environment.NewLine}{e.Message}");
        return matches[0];
    }

    /// <summary>Asserts that the exception's message (what the user sees) holds every fragment.</summary>
    public static void MessageHas(SpecException e, params string[] fragments)
    {
        foreach (var fragment in fragments)
            Assert.Contains(fragment, e.Message);
    }
}
