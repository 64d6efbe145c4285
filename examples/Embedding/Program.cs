// Embedding example: predict in-process with a bundle written by `dlp train`.
//   dotnet Embedding.dll MODEL.zip CSVFILE
// prints one line per data row: the predicted class (classification) or value (regression).
using System.Globalization;
using DeepLearning.Examples.Embedding;
using DeepLearning.Pipelines.Bundle;
using DeepLearning.Pipelines.Data;
using DeepLearning.Pipelines.Prediction;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Embedding MODEL.zip CSVFILE");
    return 2;
}

PipelineModel model;
DataTable table;
try
{
    // Load once at start-up: the loaded model is immutable and safe to share across request threads.
    model = PipelineModel.Load(args[0]);
    // Read the file the way the model expects: its input columns with the kinds it was trained on,
    // and the same "missing" tokens. withLabel: false because new data has no answers.
    table = TableLoader.Load(args[1], model.ReadOptionsFor(withLabel: false));
}
catch (Exception e) when (e is ModelException or DataException)
{
    // Both carry a message that names the file (and line) to fix.
    Console.Error.WriteLine($"error: {e.Message}");
    return e is ModelException ? 4 : 3;
}

string[] iris = ["sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"];
bool typed = model.Manifest.InputSchema.Select(c => c.Name).SequenceEqual(iris);

for (int row = 0; row < table.RowCount; row++)
{
    // A service gets one request at a time, so predict row by row rather than the whole table at once.
    var prediction = typed
        // Typed: the service's own record, bound to the input columns by property name.
        ? model.Predict(new IrisFlower(Number(iris[0], row), Number(iris[1], row), Number(iris[2], row), Number(iris[3], row)))
        // Untyped: column name → value, e.g. straight from a JSON request body.
        : model.Predict(model.Manifest.InputSchema.ToDictionary(c => c.Name, c => Cell(table.Find(c.Name)!, row)));
    // Classification gives a label; regression a value, printed round-trippable and culture-free.
    Console.WriteLine(prediction.Label ?? prediction.Value!.Value.ToString("R", CultureInfo.InvariantCulture));
}
return 0;

float Number(string column, int row) => table.Find(column)!.Numbers![row];

// null stands for a missing value; the model fills it in the way it learned in training.
static object? Cell(TableColumn column, int row) =>
    column.Numbers is { } n ? (float.IsNaN(n[row]) ? null : n[row])
    : column.Texts is { } t ? t[row]
    : column.Flags![row];
