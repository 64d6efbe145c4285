using System.CommandLine;
using DeepLearning.Host;
using DeepLearning.Host.Commands;

var root = new RootCommand("dlp — train, evaluate, inspect and use machine-learning models from declarative pipeline specs.")
{
    TrainCommand.Create(),
    EvaluateCommand.Create(),
    PredictCommand.Create(),
    InspectCommand.Create(),
    ValidateCommand.Create(),
    SchemaCommand.Create(),
    RegistryCommand.Create(),
    SweepCommand.Create(),
    DoctorCommand.Create(),
    ServeCommand.Create(),
    GenerateCommand.Create(),
};
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors) Console.Error.WriteLine($"error: {error.Message}");
    Console.Error.WriteLine("hint: see `dlp --help` or `dlp COMMAND --help`");
    return ExitCodes.BadSpec;
}
return parsed.Invoke();
