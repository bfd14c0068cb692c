using Portal.Serving;
using Portal.Serving.Options;

// The deployed model service: serves one verified version of the writer's model on /generate, and in pull mode
// follows the deploy branch, switching to each new version once every file matches its manifest.
WebApplication app;
try
{
    app = ServingApp.Build(args);
}
catch (ServingUsageException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(ServingCommandLine.Usage);
    return 2;
}

// The host stops gracefully on SIGTERM: requests in flight finish before the model is freed.
await app.RunAsync();
return 0;
