using System.Globalization;
using DeepLearning.Pipelines.Spec;

namespace DeepLearning.Pipelines.Data;

/// <summary>A table whose label is ready for a trainer: the rows that have a label, the classes, and each row's class.</summary>
/// <param name="Table">The table; for binary the label column holds bools (true = the second class).</param>
/// <param name="Rows">Rows with a label.</param>
/// <param name="Classes">Class names in model order (classification), else empty.</param>
/// <param name="ClassOfRow">Index of each row's class (classification), else null.</param>
public sealed record LabelledTable(DataTable Table, int[] Rows, IReadOnlyList<string> Classes, int[]? ClassOfRow);

/// <summary>Prepares the label column of a task.</summary>
public static class LabelColumn
{
    /// <summary>The kind the label is read as: numbers for regression, class names for classification.</summary>
    public static ColumnKind KindFor(MlTask task) => task == MlTask.Regression ? ColumnKind.Numeric : ColumnKind.Categorical;

    /// <summary>Checks and converts the label. <paramref name="knownClasses"/> are the training classes when
    /// preparing test data (a class the model never saw is an error).</summary>
    public static LabelledTable Prepare(DataTable table, MlTask task, string label, IReadOnlyList<string>? knownClasses = null)
    {
        var column = table.Find(label) ?? throw new DataException(table.Source, 1, null,
            $"no label column '{label}'{SpecBinder.Suggest(label, table.Columns.Select(c => c.Name))}; the table has: {string.Join(", ", table.Columns.Select(c => c.Name))}");
        string Where = $"'{label}'";
        if (task == MlTask.Regression)
        {
            var values = column.Numbers ?? throw new DataException(table.Source, null, Where,
                $"the label was read as {SnakeCase.Of(column.Kind)}; regression needs it read as numeric");
            var rows = Enumerable.Range(0, values.Length).Where(i => !float.IsNaN(values[i])).ToArray();
            if (rows.Length == 0) throw new DataException(table.Source, null, Where, "every label is missing");
            return new LabelledTable(table, rows, [], null);
        }

        var texts = column.Texts ?? throw new DataException(table.Source, null, Where,
            $"the label was read as {SnakeCase.Of(column.Kind)}; {SnakeCase.Of(task)} classification needs it read as categorical");
        var present = Enumerable.Range(0, texts.Length).Where(i => texts[i] is not null).ToArray();
        if (present.Length == 0) throw new DataException(table.Source, null, Where, "every label is missing");
        var classes = knownClasses ?? NaturalOrder(present.Select(i => texts[i]!).Distinct());
        if (knownClasses is null)
        {
            if (classes.Count < 2)
                throw new DataException(table.Source, null, Where, $"the label has one class ('{classes[0]}'); {SnakeCase.Of(task)} classification needs at least two");
            if (task == MlTask.Binary && classes.Count > 2)
                throw new DataException(table.Source, null, Where, $"binary classification needs two classes, the label has {classes.Count} ({string.Join(", ", classes.Take(5))}{(classes.Count > 5 ? ", …" : "")}); use task: multiclass");
        }
        var index = classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        var classOfRow = new int[texts.Length];
        foreach (var row in present)
        {
            if (!index.TryGetValue(texts[row]!, out classOfRow[row]))
                throw new DataException(table.Source, table.Lines[row], Where, $"class '{texts[row]}' was not in the training data; the model knows: {string.Join(", ", classes)}");
        }
        if (task == MlTask.Binary)
            table = table.With(TableColumn.Flag(label, classOfRow.Select(c => c == 1).ToArray()));
        return new LabelledTable(table, present, classes, classOfRow);
    }

    /// <summary>The label of an unsupervised task, used for evaluation only: every row is kept, a missing label is
    /// class -1. For anomaly the classes are normal and anomaly (any value not in <paramref name="normalValues"/>).</summary>
    public static LabelledTable PrepareForEvaluation(DataTable table, MlTask task, string? label, IReadOnlyList<string> normalValues)
    {
        var all = Enumerable.Range(0, table.RowCount).ToArray();
        if (label is null) return new LabelledTable(table, all, [], null);
        var texts = (table.Find(label) ?? throw new DataException(table.Source, 1, null, $"no label column '{label}'")).Texts!;
        IReadOnlyList<string> classes = task == MlTask.Anomaly
            ? ["normal", "anomaly"]
            : NaturalOrder(texts.Where(t => t is not null).Distinct()!);
        var index = classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        var normal = normalValues.ToHashSet();
        var classOfRow = texts.Select(t => t is null ? -1 : task == MlTask.Anomaly ? (normal.Contains(t) ? 0 : 1) : index[t]).ToArray();
        return new LabelledTable(table, all, classes, classOfRow);
    }

    /// <summary>Numbers in numeric order when every class is a number, else ordinal string order.</summary>
    public static IReadOnlyList<string> NaturalOrder(IEnumerable<string> classes)
    {
        var list = classes.ToList();
        bool numeric = list.All(c => double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        return numeric
            ? list.OrderBy(c => double.Parse(c, CultureInfo.InvariantCulture)).ThenBy(c => c, StringComparer.Ordinal).ToList()
            : list.Order(StringComparer.Ordinal).ToList();
    }
}
