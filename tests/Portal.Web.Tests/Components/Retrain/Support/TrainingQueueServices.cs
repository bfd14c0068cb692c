using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Options;
using Portal.Web.Services.Training;

namespace Portal.Web.Tests.Components.Retrain.Support;

public static class TrainingQueueServices
{
    /// <summary>
    /// The portal's training queue as pages use it (planner, broadcaster, job service) over the data services, with
    /// training folders under <paramref name="dataDirectory"/>. No worker and no hosted services: a test plays the
    /// worker itself. The pages that show the queue (Retrain, a job, the Verses page's nudge) need these.
    /// </summary>
    public static IServiceCollection AddTrainingQueue(this IServiceCollection services, string dataDirectory)
    {
        services.AddLogging();
        services.Configure<PortalOptions>(options => options.DataDirectory = dataDirectory);
        // The portal's own registrations, so that a service the queue gains is never missing here. The broadcaster
        // also pushes to SignalR clients; with no hub mapped, the hub context has nobody to tell.
        return services.AddTrainingJobServices();
    }
}
