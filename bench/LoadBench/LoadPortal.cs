using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Core.Access;
using Portal.Data.Entities;
using Portal.Data.Tokens;
using Portal.Worker.Execution;

namespace LoadBench;

/// <summary>A signed-up writer and the API token that acts as them.</summary>
internal sealed record BenchWriter(string Id, string UserName, string Token);

/// <summary>
/// The real portal on a loopback Kestrel port over a fresh data directory, with an admin and their API token and the
/// in-portal training worker. Disposing it stops the portal and deletes the directory.
/// </summary>
internal sealed class LoadPortal : WebApplicationFactory<Program>
{
    public const string AdminToken = "load-bench-admin-token-0123456789";

    private readonly IReadOnlyDictionary<string, string> settings;
    private readonly TimeSpan? stepReportInterval;

    private LoadPortal(IReadOnlyDictionary<string, string> settings, TimeSpan? stepReportInterval, string? dataDirectory)
    {
        this.settings = settings;
        this.stepReportInterval = stepReportInterval;
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), $"load-bench-{Guid.NewGuid():N}");
    }

    public string DataDirectory { get; }

    /// <summary>False to leave the data directory behind on dispose, for another portal to start on.</summary>
    public bool DeleteDataOnDispose { get; set; } = true;

    public Uri BaseAddress { get; private set; } = default!;

    /// <param name="settings">Portal settings on top of the bench's own (configuration keys).</param>
    /// <param name="stepReportInterval">How often the worker reports training steps; null keeps the portal's own (a second).</param>
    /// <param name="dataDirectory">An earlier portal's data directory to start on; null for a fresh one.</param>
    public static LoadPortal Start(IReadOnlyDictionary<string, string>? settings = null, TimeSpan? stepReportInterval = null, string? dataDirectory = null)
    {
        var portal = new LoadPortal(settings ?? new Dictionary<string, string>(), stepReportInterval, dataDirectory);
        // Real sockets: the load goes through Kestrel, WebSockets and the loopback hop, as a browser's would.
        portal.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        portal.StartServer();
        portal.BaseAddress = portal.ClientOptions.BaseAddress;
        return portal;
    }

    public HttpClient CreateApiClient(string token = AdminToken) => new()
    {
        BaseAddress = BaseAddress,
        Timeout = TimeSpan.FromMinutes(5),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
    };

    /// <summary>
    /// Writer accounts with an API token each, through the portal's own UserManager and token store. No password:
    /// hashing one costs a tenth of a second of CPU, and these accounts only ever use their token.
    /// </summary>
    public async Task<IReadOnlyList<BenchWriter>> CreateWritersAsync(string prefix, int count)
    {
        var writers = new List<BenchWriter>(count);
        for (var i = 1; i <= count; i++)
        {
            using var scope = Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = new PortalUser { UserName = $"{prefix}{i:00}", CreatedAt = DateTimeOffset.UtcNow };
            Require(await users.CreateAsync(user));
            Require(await users.AddToRoleAsync(user, Roles.Writer));
            var token = await Services.GetRequiredService<ApiTokenStore>().CreateAsync(user.Id, "load bench");
            writers.Add(new BenchWriter(user.Id, user.UserName, token.Secret));
        }
        return writers;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Run from bin/, the factory would look for the content root next to the solution file and miss.
        builder.UseContentRoot(Path.Combine(FindRepositoryRoot(), "src", "Portal.Web"));
        builder.UseSetting("Portal:DataDirectory", DataDirectory);
        builder.UseSetting("Portal:SeedSampleVerses", "true");
        builder.UseSetting("PORTAL_ADMIN_USER", "admin");
        builder.UseSetting("PORTAL_ADMIN_PASSWORD", "load-bench-password");
        builder.UseSetting("PORTAL_API_TOKEN", AdminToken);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Two warnings every start of a throwaway portal gives (unencrypted keys in a temp folder, the port chosen here).
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.Server.Kestrel", "Error");
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
        if (stepReportInterval is { } interval)
        {
            // The portal's worker with a shorter report interval: the same code path, more events per second.
            builder.ConfigureTestServices(services => services.AddSingleton(provider =>
                new JobExecutor(provider.GetRequiredService<ILogger<JobExecutor>>(), interval)));
        }
    }

    private static string FindRepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Portal.sln")))
            folder = folder.Parent;
        return folder?.FullName
            ?? throw new InvalidOperationException("Start the bench from inside the repository: dotnet run -c Release --project bench/LoadBench");
    }

    private static void Require(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (DeleteDataOnDispose && Directory.Exists(DataDirectory))
            Directory.Delete(DataDirectory, recursive: true);
    }
}
