using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Portal.E2E.Tests.Support;

/// <summary>
/// The real portal on a real Kestrel socket (127.0.0.1, a port the OS picks) with its own temporary data directory,
/// started the way a scripted first install is: an admin from PORTAL_ADMIN_USER / PORTAL_ADMIN_PASSWORD and the
/// sample verses.
/// </summary>
public class PortalServer : IAsyncLifetime
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "e2e-Password-123";

    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), $"portal-e2e-{Guid.NewGuid():N}");
    private readonly bool scriptedAdmin;
    private readonly IReadOnlyDictionary<string, string> settings;
    private KestrelPortal? portal;

    public PortalServer()
        : this(scriptedAdmin: true)
    {
    }

    /// <param name="scriptedAdmin">False: no admin variables, so the first visitor creates the admin on /setup.</param>
    /// <param name="settings">More configuration, applied after the defaults (e.g. Portal:Deploy:ServingEndpoints:0).</param>
    protected PortalServer(bool scriptedAdmin, IReadOnlyDictionary<string, string>? settings = null)
    {
        this.scriptedAdmin = scriptedAdmin;
        this.settings = settings ?? new Dictionary<string, string>();
    }

    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>The portal's data directory: portal.db, models, the deploy clone and the local remote.git.</summary>
    public string DataDirectory => dataDirectory;

    public Task InitializeAsync()
    {
        portal = new KestrelPortal(dataDirectory, scriptedAdmin, settings);
        portal.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        // Runs Program.Main up to a started server; the address is then the one Kestrel actually bound.
        portal.StartServer();
        BaseAddress = portal.ClientOptions.BaseAddress;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (portal is not null)
            await portal.DisposeAsync();
        // SQLite may hold the file a moment after the host stops; a leftover temp folder is not worth a failed test.
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class KestrelPortal(string dataDirectory, bool scriptedAdmin, IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Portal:DataDirectory", dataDirectory);
            builder.UseSetting("Portal:SeedSampleVerses", "true");
            builder.UseSetting("PORTAL_ADMIN_USER", scriptedAdmin ? AdminUser : "");
            builder.UseSetting("PORTAL_ADMIN_PASSWORD", scriptedAdmin ? AdminPassword : "");
            // Empty rather than absent, so that a developer's own PORTAL_* variables cannot leak into the test.
            builder.UseSetting("PORTAL_API_TOKEN", "");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in settings)
                builder.UseSetting(key, value);
        }
    }
}

/// <summary>A portal as a first install without PORTAL_ADMIN_USER: no accounts until someone completes /setup.</summary>
public sealed class FirstRunPortalServer() : PortalServer(scriptedAdmin: false);
