using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PlaygroundBench;

/// <summary>
/// The real portal, listening on a loopback Kestrel port over a fresh data directory with the sample verses, an admin
/// with an API token, and the in-portal training worker. Disposing it stops the portal and deletes the directory.
/// </summary>
internal sealed class LoopbackPortal : WebApplicationFactory<Program>
{
    private const string ApiToken = "playground-bench-token-0123456789";

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"playground-bench-{Guid.NewGuid():N}");

    public Uri BaseAddress { get; private set; } = default!;

    public static LoopbackPortal Start()
    {
        var portal = new LoopbackPortal();
        // Real sockets rather than the factory's in-memory server: the API's cost includes Kestrel and the loopback hop.
        portal.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        portal.StartServer();
        portal.BaseAddress = portal.ClientOptions.BaseAddress;
        return portal;
    }

    /// <summary>One client per bench, kept open: its connection stays warm across rounds, as a script's would.</summary>
    public HttpClient CreateApiClient() => new()
    {
        BaseAddress = BaseAddress,
        Timeout = TimeSpan.FromMinutes(5),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", ApiToken) },
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Run from bin/, the factory would look for the content root next to the solution file and miss.
        builder.UseContentRoot(Path.Combine(FindRepositoryRoot(), "src", "Portal.Web"));
        builder.UseSetting("Portal:DataDirectory", DataDirectory);
        builder.UseSetting("Portal:SeedSampleVerses", "true");
        builder.UseSetting("PORTAL_ADMIN_USER", "admin");
        builder.UseSetting("PORTAL_ADMIN_PASSWORD", "playground-bench-password");
        builder.UseSetting("PORTAL_API_TOKEN", ApiToken);
        // The writers' 30 a minute would refuse the bench within a few rounds. Raised, not turned off, so that the
        // limiter stays on the measured path; 600 rather than far more because its bucket refills on a timer every
        // minute/limit, and at 100,000 that timer would fire every 0.6 ms beside the generations being timed.
        builder.UseSetting("Portal:Playground:RequestsPerMinute", "600");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Two warnings every start of a throwaway portal gives (unencrypted keys in a temp folder, the port chosen here).
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.Server.Kestrel", "Error");
    }

    private static string FindRepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Portal.sln")))
            folder = folder.Parent;
        return folder?.FullName
            ?? throw new InvalidOperationException("Start the bench from inside the repository: dotnet run -c Release --project bench/PlaygroundBench");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(DataDirectory))
            Directory.Delete(DataDirectory, recursive: true);
    }
}
