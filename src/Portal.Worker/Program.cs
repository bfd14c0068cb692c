using Microsoft.Extensions.Hosting;
using Portal.Worker.Cli;

// A training worker on its own machine (a GPU box): claims the portal's jobs, trains, and sends the results back.
WorkerArguments arguments;
try
{
    arguments = WorkerArguments.Parse(args, Environment.GetEnvironmentVariable);
}
catch (WorkerUsageException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(WorkerArguments.Usage);
    return 2;
}

// The arguments stay out of the host's configuration: a token there could surface in a configuration dump.
var builder = Host.CreateApplicationBuilder();
builder.AddRemoteTrainingWorker(arguments);

// The generic host stops gracefully on Ctrl+C and SIGTERM: training stops after its step and keeps a checkpoint.
await builder.Build().RunAsync();
return 0;
