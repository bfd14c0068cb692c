using Portal.Serving.Options;

namespace Portal.Serving;

/// <summary>The service built from its command line. Tests build it the same way, with a hook to replace services.</summary>
public static class ServingApp
{
    /// <exception cref="ServingUsageException">The arguments name no valid model source.</exception>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // appsettings.json is read from beside the binary, wherever the service is started from; relative paths
        // in the arguments (--model, --work) still mean the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddCommandLine(args, ServingCommandLine.Switches);
        builder.AddServingServices();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseServingApi();
        return app;
    }
}
