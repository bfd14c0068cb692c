using System.Text.Json.Serialization;
using Portal.Ml.Generation.Requests;
using Portal.Serving.Api;
using Portal.Serving.Deploy;
using Portal.Serving.Inference;
using Portal.Serving.Options;

namespace Portal.Serving;

public static class ServingServiceExtensions
{
    /// <summary>Every registration of the service, grouped by concern.</summary>
    /// <exception cref="ServingUsageException">The settings name no valid model source.</exception>
    public static IHostApplicationBuilder AddServingServices(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        // Settings
        var options = builder.Configuration.GetSection(ServingOptions.Section).Get<ServingOptions>() ?? new ServingOptions();
        var source = ServingSource.From(options, builder.Configuration);
        services.AddOptions<GenerateLimits>().BindConfiguration("Serving:Limits");
        services.AddSingleton(TimeProvider.System);

        // The model being served
        services.AddSingleton<IModelLoader, HfModelLoader>();
        services.AddSingleton<ModelActivator>();
        services.AddSingleton<ModelSlot>();

        // Where it comes from
        switch (source)
        {
            case FolderSource folder:
                services.AddSingleton(folder);
                services.AddSingleton(new ServingStatus(branch: null));
                services.AddHostedService<FolderServingService>();
                break;
            case RepositorySource repository:
                services.AddSingleton(repository);
                services.AddSingleton(new ServingStatus(repository.Branch));
                services.AddSingleton<DeployMirror>();
                services.AddSingleton<CheckoutFolders>();
                services.AddSingleton<DeployReconciler>();
                services.AddHostedService<DeployPullService>();
                break;
        }

        // API
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            // A body that is not JSON, or not the right shape, is refused before validation runs, with no reason.
            if (context.ProblemDetails.Status == StatusCodes.Status400BadRequest && context.ProblemDetails.Detail is null)
                context.ProblemDetails.Detail = "The body could not be read: send JSON such as {\"prompt\": \"rain on the roof\", \"maxNewTokens\": 64}.";
        });
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            // "NaN" and "Infinity" reach validation and get its message instead of a bare JSON error.
            json.SerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        });
        return builder;
    }

    public static WebApplication UseServingApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapGenerateEndpoints();
        app.MapStatusEndpoints();
        return app;
    }
}
