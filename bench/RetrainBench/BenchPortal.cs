using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace RetrainBench;

/// <summary>The real portal on a loopback Kestrel port with its own data directory and the in-portal worker.</summary>
internal sealed class BenchPortal : WebApplicationFactory<Program>
{
    public const string Token = "bench-admin-token-0123456789";
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), $"portal-bench-{Guid.NewGuid():N}");
    private readonly bool seedSamples;

    private BenchPortal(bool seedSamples) => this.seedSamples = seedSamples;

    public Uri BaseAddress { get; private set; } = default!;

    public static BenchPortal Start(bool seedSamples)
    {
        var portal = new BenchPortal(seedSamples);
        portal.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        portal.StartServer();
        portal.BaseAddress = portal.ClientOptions.BaseAddress;
        return portal;
    }

    public HttpClient CreateApiClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Outside a test host the factory guesses the content root from the solution folder and guesses wrong.
        builder.UseContentRoot(Path.Combine(RepositoryRoot(), "src", "Portal.Web"));
        builder.UseSetting("Portal:DataDirectory", dataDirectory);
        builder.UseSetting("Portal:SeedSampleVerses", seedSamples ? "true" : "false");
        builder.UseSetting("PORTAL_ADMIN_USER", "admin");
        builder.UseSetting("PORTAL_ADMIN_PASSWORD", "bench-password-123");
        builder.UseSetting("PORTAL_API_TOKEN", Token);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Portal.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException("Run the bench from inside the repository (dotnet run --project bench/RetrainBench).");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
