namespace DeepLearning.Pipelines.Spec;

/// <summary>The <c>data</c> section: files and how to read them.</summary>
public sealed record DataSpec
{
    /// <summary>Training file.</summary>
    [Option("Training data: a CSV/TSV file, or with `image` an IDX image file (MNIST's format), optionally .gz; relative to the spec file.", Required = true)]
    public string Train { get; init; } = "";

    /// <summary>Test file.</summary>
    [Option("Test data in the same format; when given, `split` is not used.")]
    public string? Test { get; init; }

    /// <summary>Training labels (IDX).</summary>
    [Option("With an IDX image file as `train`: its IDX label file (one label per image).")]
    public string? TrainLabels { get; init; }

    /// <summary>Test labels (IDX).</summary>
    [Option("With an IDX image file as `test`: its IDX label file.")]
    public string? TestLabels { get; init; }

    /// <summary>Images.</summary>
    [Option("The data are images of this shape: pixels (IDX records or the CSV's feature columns) become one vector column, scaled as declared.")]
    public ImageSpec? Image { get; init; }

    /// <summary>Split.</summary>
    [Option("How a test set is held out of `train` when `test` is not given.")]
    public SplitSpec Split { get; init; } = new();

    /// <summary>Separator.</summary>
    [Option("Field separator: `auto` (tab for .tsv, else comma), or one character such as `,` `;` `\\t` `|`.")]
    public string Separator { get; init; } = "auto";

    /// <summary>Header row.</summary>
    [Option("Whether the first row names the columns; without one, columns are named column_1, column_2, …")]
    public bool Header { get; init; } = true;

    /// <summary>Column kind overrides.</summary>
    [Option("Column kinds that override inference: column name → numeric | categorical | text | boolean | ignore.")]
    public IReadOnlyDictionary<string, ColumnKind> Columns { get; init; } = new Dictionary<string, ColumnKind>();

    /// <summary>Missing values.</summary>
    [Option("Which tokens mean 'missing' and what to do with rows that have them.")]
    public MissingSpec Missing { get; init; } = new();

    /// <summary>Stream the files instead of loading them.</summary>
    [Option("Train on files larger than memory: every pass re-reads the file, the split is a seeded hash of the row number, and the profile comes from a bounded sample. Supervised tasks with sdca, sdca_logistic, sdca_maximum_entropy or the neural trainers; no cross-validation, no stratify.")]
    public bool Streaming { get; init; }
}

/// <summary>The <c>data.split</c> section.</summary>
public sealed record SplitSpec
{
    /// <summary>Test fraction.</summary>
    [Option("Fraction of rows held out for testing.", Min = 0, Max = 0.9, ExclusiveMin = true)]
    public double TestFraction { get; init; } = 0.2;

    /// <summary>Stratify.</summary>
    [Option("Keep each class's share the same in train and test (classification only).")]
    public bool Stratify { get; init; } = true;

    /// <summary>Split seed.</summary>
    [Option("Seed of the split; omitted: the spec's `seed`.")]
    public int? Seed { get; init; }

    /// <summary>Split column.</summary>
    [Option("A column that says which rows are test rows (e.g. a given split); it is never a feature. Replaces the random split.")]
    public string? Column { get; init; }

    /// <summary>Test values.</summary>
    [Option("With `column`: the values that mark test rows; every other row is a training row.", MinItems = 1)]
    public IReadOnlyList<string> TestValues { get; init; } = ["test"];
}

/// <summary>The <c>data.missing</c> section.</summary>
public sealed record MissingSpec
{
    /// <summary>Tokens meaning missing.</summary>
    [Option("Cell values that mean 'missing' (compared exactly, after trimming spaces).")]
    public IReadOnlyList<string> Values { get; init; } = ["", "NA", "N/A", "NaN", "null", "?"];

    /// <summary>Policy.</summary>
    [Option("keep: gaps become missing values; drop_rows: leave such rows out; error: fail at the first gap.")]
    public MissingPolicy Policy { get; init; } = MissingPolicy.Keep;
}

/// <summary>The <c>evaluate</c> section.</summary>
public sealed record EvaluateSpec
{
    /// <summary>Folds.</summary>
    [Option("Number of cross-validation folds over the training data (0: none; else 2–50). Reported as mean and standard deviation.", Min = 0, Max = 50)]
    public int CrossValidation { get; init; }
}
