using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Portal.GitOps;
using Portal.Web.Options;
using Portal.Web.Services.Training;
using Portal.Web.Services.Versions;

namespace Portal.Web.Tests.Components.Versions.Support;

public static class VersionServices
{
    /// <summary>
    /// The portal's version services as pages use them, over a real deploy repository: a working clone under
    /// <paramref name="dataDirectory"/> that pushes to the local bare remote there, or to DeployOptions.RemoteUrl when
    /// a test configures one. No hosted services: the serving monitor never polls and auto-promote never runs by
    /// itself. The job page (its promotion gate) and the admin page (auto-promote) need these too.
    /// </summary>
    public static IServiceCollection AddVersions(this IServiceCollection services, string dataDirectory)
    {
        // The deploy token may come from configuration; a test has none.
        services.TryAddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddVersionServices();
        services.AddDeployRepository(provider =>
        {
            var deploy = provider.GetRequiredService<IOptions<DeployOptions>>().Value;
            return new DeployRepositoryOptions
            {
                RemoteUrl = deploy.RemoteUrl,
                Branch = deploy.Branch,
                WorkingDirectory = DeployOptions.WorkingDirectory(dataDirectory),
                LocalRemoteDirectory = DeployOptions.LocalRemoteDirectory(dataDirectory),
            };
        });
        return services;
    }
}
