using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Core.Versions;

namespace Portal.GitOps;

public static class GitOpsServiceCollectionExtensions
{
    /// <summary>
    /// The deploy repository as one singleton behind both its own type and <see cref="IDeployRepository"/>: its queue
    /// only serialises the work of callers that share it.
    /// </summary>
    /// <param name="options">Built when the repository is first needed (the data directory is known by then).</param>
    public static IServiceCollection AddDeployRepository(this IServiceCollection services, Func<IServiceProvider, DeployRepositoryOptions> options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(provider => new DeployRepository(options(provider), provider.GetRequiredService<ILogger<DeployRepository>>()));
        services.AddSingleton<IDeployRepository>(provider => provider.GetRequiredService<DeployRepository>());
        return services;
    }
}
