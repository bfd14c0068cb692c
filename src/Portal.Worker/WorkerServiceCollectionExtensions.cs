using Microsoft.Extensions.DependencyInjection;
using Portal.Worker.Execution;

namespace Portal.Worker;

public static class WorkerServiceCollectionExtensions
{
    /// <summary>
    /// The training worker as a hosted service. The <see cref="Portal.Core.Training.ITrainingJobChannel"/> it talks
    /// through is the caller's to register: the portal's in-process one, or <see cref="Remote.PortalJobChannel"/>.
    /// </summary>
    public static IServiceCollection AddTrainingWorker(this IServiceCollection services, Action<WorkerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<WorkerOptions>();
        if (configure is not null)
            options.Configure(configure);
        services.AddSingleton<JobExecutor>();
        services.AddSingleton<WorkerWakeup>();
        services.AddSingleton<WorkerLoop>();
        services.AddHostedService<TrainingWorkerService>();
        return services;
    }
}
