namespace DeepLearning.Host.Tests.Support;

/// <summary>Reads the small CSV files the tests write and compare. A plain split on commas: the data sets and
/// predictions here hold no quoted fields (a test that needed them would fail on the column count).</summary>
public sealed record Csv(IReadOnlyList<string> Header, IReadOnlyList<string[]> Rows)
{
    /// <summary>Reads <paramref name="path"/>.</summary>
    public static Csv Read(string path) => Parse(File.ReadAllText(path));

    /// <summary>Parses CSV text.</summary>
    public static Csv Parse(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.IsNotEmpty(lines, "the CSV has no header");
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        foreach (var row in rows) Assert.HasCount(header.Length, row, $"row '{string.Join(',', row)}' has a different number of fields than the header");
        return new Csv(header, rows);
    }

    /// <summary>One column's values, by name.</summary>
    public IReadOnlyList<string> Column(string name)
    {
        int index = Header.ToList().IndexOf(name);
        Assert.IsGreaterThanOrEqualTo(0, index, $"no column '{name}' in {string.Join(',', Header)}");
        return Rows.Select(r => r[index]).ToList();
    }
}
