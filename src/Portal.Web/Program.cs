using Portal.Web;
using Portal.Web.Startup;

if (await RestoreCommand.TryRunAsync(args)) return;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    WebRootPath = WebRoot.Locate(),
});
builder.AddPortalServices();

var app = builder.Build();
await app.Services.GetRequiredService<PortalInitializer>().InitializeAsync();
app.UsePortalPipeline();
app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
await app.RunAsync();

/// <summary>Entry point, public so that tests can host the real app with WebApplicationFactory.</summary>
public partial class Program;
