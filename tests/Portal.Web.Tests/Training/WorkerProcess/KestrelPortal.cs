using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Training.WorkerProcess;

/// <summary>
/// The portal on a real loopback socket, so that a worker in another process can reach it, with training left to
/// outside workers (no in-portal worker) and a short lease so that a dead worker's job is handed on quickly.
/// </summary>
internal sealed class KestrelPortal : WebApplicationFactory<Program>
{
    public const string AdminToken = "process-admin-token-0123456789";
    public const string WorkerToken = "process-worker-token-0123456789";
    public const int LeaseSeconds = 12;

    private readonly TempDirectory data = new();

    public string DataDirectory => data.Path;
    public Uri BaseAddress { get; private set; } = default!;

    public static KestrelPortal Start()
    {
        var portal = new KestrelPortal();
        portal.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        portal.StartServer();
        portal.BaseAddress = portal.ClientOptions.BaseAddress;
        return portal;
    }

    public HttpClient CreateAdminClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Portal:DataDirectory", data.Path);
        builder.UseSetting("Portal:SeedSampleVerses", "false");
        builder.UseSetting("PORTAL_ADMIN_USER", PortalFactory.AdminUser);
        builder.UseSetting("PORTAL_ADMIN_PASSWORD", PortalFactory.AdminPassword);
        builder.UseSetting("PORTAL_API_TOKEN", AdminToken);
        builder.UseSetting("PORTAL_WORKER_TOKEN", WorkerToken);
        builder.UseSetting("Portal:Training:InProcessWorker", "false");
        builder.UseSetting("Portal:Training:LeaseSeconds", LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        data.Dispose();
    }
}
