using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Core.Training;
using Portal.Web.Api;
using Portal.Web.Hubs;
using Portal.Web.Options;
using Portal.Worker;

namespace Portal.Web.Services.Training;

public static class TrainingServiceExtensions
{
    /// <summary>The in-portal worker's id. Its leases are released at start-up, so that a job it was running resumes at once.</summary>
    public const string InProcessWorkerId = "portal";

    /// <summary>The training queue, its hub and file endpoints, the automatic retrain, and (unless turned off) the in-portal worker.</summary>
    public static IHostApplicationBuilder AddPortalTraining(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TrainingQueueOptions>().BindConfiguration(TrainingQueueOptions.Section);
        services.AddTrainingJobServices();
        services.AddSingleton<JobFileAreas>();
        services.AddSingleton<WorkerFileAccess>();
        services.AddSingleton<AutoRetrainScheduler>();
        services.AddHostedService(provider => provider.GetRequiredService<AutoRetrainScheduler>());

        var training = builder.Configuration.GetSection(TrainingQueueOptions.Section).Get<TrainingQueueOptions>() ?? new TrainingQueueOptions();
        if (training.InProcessWorker)
        {
            services.AddSingleton<ITrainingJobChannel, LocalJobChannel>();
            services.AddTrainingWorker(worker =>
            {
                worker.WorkerId = InProcessWorkerId;
                worker.HeartbeatInterval = TimeSpan.FromSeconds(training.HeartbeatSeconds);
                worker.PollInterval = TimeSpan.FromSeconds(training.PollSeconds);
            });
        }
        return builder;
    }

    /// <summary>
    /// What pages need of the queue (<see cref="TrainingJobService"/>, <see cref="TrainingEventBroadcaster"/>), without
    /// hosted services or a worker: also what a component test registers. Needs PortalOptions and the data stores.
    /// </summary>
    public static IServiceCollection AddTrainingJobServices(this IServiceCollection services)
    {
        services.AddOptions<TrainingQueueOptions>();
        services.AddSingleton<TrainingFolders>();
        services.AddSingleton<JobFileLayout>();
        services.AddSingleton<CurrentModel>();
        services.AddSingleton<RetrainPlanner>();
        services.AddSingleton<TrainingEventBroadcaster>();
        services.AddSingleton<TrainingJobService>();
        services.TryAddSingleton<FileDigests>();
        services.AddSingleton<ModelFolderVerification>();
        // Workers batch their reports; a batch of progress, log lines and probes stays far below this.
        services.AddSignalR().AddHubOptions<TrainingHub>(hub => hub.MaximumReceiveMessageSize = TrainingHub.MaxMessageBytes);
        return services;
    }
}
