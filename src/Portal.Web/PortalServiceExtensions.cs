using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using MudBlazor.Services;
using Portal.Core.Import;
using Portal.Core.Lint;
using Portal.Data;
using Portal.Web.Api;
using Portal.Web.Auth;
using Portal.Web.Components;
using Portal.Web.Hubs;
using Portal.Web.Options;
using Portal.Web.Security;
using Portal.Web.Services;
using Portal.Web.Services.Backup;
using Portal.Web.Services.Playground;
using Portal.Web.Services.Training;
using Portal.Web.Services.Versions;
using Portal.Web.Startup;

namespace Portal.Web;

public static class PortalServiceExtensions
{
    /// <summary>Every registration of the portal, grouped by concern.</summary>
    public static IHostApplicationBuilder AddPortalServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        // Settings
        services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.Section);
        services.AddOptions<ImportLimits>().BindConfiguration("Portal:Import");
        services.AddOptions<LintOptions>().BindConfiguration("Portal:Lint");
        // Request lines quote the URL, and a browser's hub token rides in it (access_token): whatever level is configured,
        // they stay out of the logs. Warnings and errors of the same category still get through.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", level => level >= LogLevel.Warning);

        // Data
        var portal = builder.Configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();
        services.AddPortalData(portal.DatabasePath);
        services.AddSingleton<PortalInitializer>();

        // Sign-in cookies stay valid across restarts (and container redeploys) because the keys live with the data.
        services.AddDataProtection()
            .SetApplicationName("VersePortal")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetFullPath(portal.DataDirectory), "keys")));

        // Sign-in
        builder.AddPortalAuth();
        builder.AddPortalSecurity();

        // Verse library
        services.AddSingleton<VerseImportService>();
        services.AddSingleton<VerseLintService>();
        services.AddSingleton<SampleVerseSeeder>();
        services.AddScoped<WriterAdministration>();

        // Training queue, live progress and workers
        builder.AddPortalTraining();

        // Versions: the deploy repository, promotion, rollback, serving status
        builder.AddPortalVersions();

        // Playground: loaded models, generation limits, copy guard, history and blind votes
        services.AddPlaygroundServices();

        // Backups: online copies of portal.db (admin page, API, schedule)
        services.AddPortalBackups();

        // UI and API
        // Each keystroke in the verse dialog sends the whole field; a 10,000-character verse must fit in one message.
        services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(hub => hub.MaximumReceiveMessageSize = 256 * 1024);
        services.AddMudServices();
        services.AddProblemDetails();
        // The REST API spells enums as words ("Quick", "Running"); the hub keeps System.Text.Json's defaults, as workers do.
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddHttpContextAccessor();
        return builder;
    }

    public static WebApplication UsePortalPipeline(this WebApplication app)
    {
        app.UsePortalSecurity();
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        // The API answers bare status codes as problem details; a page that does not exist shows the portal's own page.
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"),
            api => api.UseStatusCodePages());
        // Hubs answer their clients with bare status codes (a SignalR client reads 401, not a page).
        // Only reads are re-run on the not-found page: a re-run POST would fail that page's own antiforgery check and
        // turn a refused caller's 401/403 into a misleading 400.
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/hubs")
                && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)),
            pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseStaticFiles();
        // Routing after the status code pages, so that a re-executed /not-found is routed afresh.
        app.UseRouting();
        app.UseMiddleware<SetupRedirectMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapPortalApi();
        app.MapHub<TrainingHub>(TrainingHub.Path);
        app.MapAccountEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
