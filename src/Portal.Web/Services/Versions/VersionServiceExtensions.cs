using Microsoft.Extensions.Options;
using Portal.GitOps;
using Portal.Web.Options;
using Portal.Web.Services.Training;
using Portal.Web.Services.Versions.Reconcile;

namespace Portal.Web.Services.Versions;

public static class VersionServiceExtensions
{
    /// <summary>The deploy repository and its settings, the version services, the serving monitor and auto-promote.</summary>
    public static IHostApplicationBuilder AddPortalVersions(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DeployOptions>().BindConfiguration(DeployOptions.Section);
        services.AddDeployRepository(provider =>
        {
            var deploy = provider.GetRequiredService<IOptions<DeployOptions>>().Value;
            var data = provider.GetRequiredService<TrainingFolders>().DataDirectory;
            return new DeployRepositoryOptions
            {
                RemoteUrl = string.IsNullOrWhiteSpace(deploy.RemoteUrl) ? null : deploy.RemoteUrl.Trim(),
                Branch = deploy.Branch,
                UserName = string.IsNullOrWhiteSpace(deploy.UserName) ? null : deploy.UserName.Trim(),
                Token = ResolveToken(provider),
                MaxFileBytes = deploy.MaxFileBytes,
                AuthorName = deploy.AuthorName,
                AuthorEmail = deploy.AuthorEmail,
                ConnectTimeout = TimeSpan.FromSeconds(deploy.ConnectTimeoutSeconds),
                NetworkTimeout = TimeSpan.FromSeconds(deploy.NetworkTimeoutSeconds),
                WorkingDirectory = DeployOptions.WorkingDirectory(data),
                LocalRemoteDirectory = DeployOptions.LocalRemoteDirectory(data),
            };
        });
        services.AddVersionServices();
        services.AddOptions<DeployReconcileOptions>().BindConfiguration(DeployReconcileOptions.Section);
        services.AddSingleton<RecoveredVersions>();
        services.AddSingleton<DeployReconcileState>();
        services.AddSingleton<DeployReconciler>();
        services.AddHostedService<DeployReconcileLoop>();
        services.AddHostedService(provider => provider.GetRequiredService<ServingStatusMonitor>());
        services.AddHostedService(provider => provider.GetRequiredService<AutoPromoter>());
        return builder;
    }

    /// <summary>
    /// What pages need of versions, without hosted services or the deploy repository: also what a component test
    /// registers, with an <see cref="Portal.Core.Versions.IDeployRepository"/> of its own. Needs the data stores and
    /// the training services.
    /// </summary>
    public static IServiceCollection AddVersionServices(this IServiceCollection services)
    {
        services.AddOptions<DeployOptions>();
        services.AddSingleton(provider => new DeploySecrets(ResolveToken(provider)));
        services.AddHttpClient(ServingStatusMonitor.ClientName, client => client.Timeout = ServingStatusMonitor.Timeout);
        services.AddSingleton<VersionDatasets>();
        services.AddSingleton<VersionPublisher>();
        services.AddSingleton<CandidateComparer>();
        services.AddSingleton<ModelDownloads>();
        services.AddSingleton<ServingStatusMonitor>();
        services.AddSingleton<VersionService>();
        services.AddSingleton<AutoPromoteAuthor>();
        services.AddSingleton<AutoPromoter>();
        return services;
    }

    private static string? ResolveToken(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<DeployOptions>>().Value.ResolveToken(provider.GetService<IConfiguration>());
}
