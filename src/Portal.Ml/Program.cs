using Portal.Ml.Cli;

// Ctrl+C asks the command to stop between steps (training keeps a checkpoint) instead of killing the process.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return CliApp.Run(args, Console.Out, Console.Error, cancel.Token);
