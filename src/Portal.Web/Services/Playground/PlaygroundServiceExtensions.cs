using Portal.Web.Options;

namespace Portal.Web.Services.Playground;

public static class PlaygroundServiceExtensions
{
    /// <summary>
    /// The playground's settings and services, without hosted services: also what a component test registers. Needs
    /// the data stores (including the playground's history and vote stores), the training and the version services.
    /// </summary>
    public static IServiceCollection AddPlaygroundServices(this IServiceCollection services)
    {
        // Bound through the provider's configuration when there is one, so that a test bed without configuration gets the defaults.
        services.AddOptions<PlaygroundOptions>()
            .Configure<IServiceProvider>((options, provider) => provider.GetService<IConfiguration>()?.GetSection(PlaygroundOptions.Section).Bind(options));
        services.AddSingleton<PlaygroundCatalog>();
        services.AddSingleton<PlaygroundModelFolders>();
        services.AddSingleton<LoadedModelCache>();
        services.AddSingleton<CopyGuard>();
        services.AddSingleton<ModelGeneration>();
        services.AddSingleton<WriterRunSlots>();
        services.AddSingleton<GenerationCapacity>();
        services.AddSingleton<WriterRateLimiter>();
        services.AddSingleton<PlaygroundRunner>();
        services.AddSingleton<PlaygroundVotes>();
        services.AddSingleton<PlaygroundService>();
        return services;
    }
}
