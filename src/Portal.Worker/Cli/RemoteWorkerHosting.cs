using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portal.Core.Training;
using Portal.Worker.Remote;

namespace Portal.Worker.Cli;

public static class RemoteWorkerHosting
{
    /// <summary>The worker of a machine other than the portal's: the loop, talking to the portal over the network.</summary>
    public static IHostApplicationBuilder AddRemoteTrainingWorker(this IHostApplicationBuilder builder, WorkerArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(arguments);
        builder.Services.AddSingleton(new PortalConnection(arguments.Portal, arguments.Token));
        builder.Services.AddSingleton<PortalJobChannel>();
        builder.Services.AddSingleton<ITrainingJobChannel>(services => services.GetRequiredService<PortalJobChannel>());
        builder.Services.AddTrainingWorker(options =>
        {
            if (arguments.WorkDirectory is { } work) options.WorkDirectory = work;
            if (arguments.WorkerId is { } id) options.WorkerId = id;
        });

        // A stopping worker finishes its step and sends its checkpoint; that can take longer than the default 30 s.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(90));
        // The connection's own debug logs show the URLs it connects to, which carry the access token for WebSockets.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Http.Connections.Client", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.SignalR.Client", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        return builder;
    }
}
