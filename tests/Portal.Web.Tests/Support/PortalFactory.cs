using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Access;
using Portal.Data.Entities;
using Portal.Data.Tokens;

namespace Portal.Web.Tests.Support;

/// <summary>
/// The real portal on a test server, with its own data directory. By default it starts the way CI does: an admin
/// and their API token from the PORTAL_* settings, and no sample verses, so tests count only what they add.
/// </summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "admin-password";
    public const string AdminToken = "test-admin-token-0123456789";
    public const string WorkerToken = "test-worker-token-0123456789";

    private readonly Lazy<TempDirectory> ownData = new(() => new TempDirectory());

    /// <summary>How the portal starts; read when the first client or service is asked for.</summary>
    public PortalSetup Setup { get; init; } = new();

    public string DataDirectory => Setup.DataDirectory ?? ownData.Value.Path;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Portal:DataDirectory", DataDirectory);
        builder.UseSetting("Portal:SeedSampleVerses", Setup.SeedSampleVerses ? "true" : "false");
        // Empty rather than absent, so that PORTAL_* variables on a developer's machine cannot leak into a test.
        builder.UseSetting("PORTAL_ADMIN_USER", Setup.WithAdmin ? AdminUser : "");
        builder.UseSetting("PORTAL_ADMIN_PASSWORD", Setup.WithAdmin ? AdminPassword : "");
        builder.UseSetting("PORTAL_API_TOKEN", Setup.WithAdmin ? AdminToken : "");
        builder.UseSetting("PORTAL_WORKER_TOKEN", Setup.WithAdmin ? WorkerToken : "");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in Setup.Settings)
            builder.UseSetting(key, value);
        if (Setup.Services is { } services)
            builder.ConfigureTestServices(services);
    }

    public HttpClient CreateBearerClient(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient CreateAdminClient() => CreateBearerClient(AdminToken);

    /// <summary>Signs up a writer through the portal's own UserManager and gives them an API token.</summary>
    public async Task<Writer> CreateWriterAsync(string userName)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = userName, CreatedAt = DateTimeOffset.UtcNow };
        Require(await users.CreateAsync(user, $"{userName}-password"));
        Require(await users.AddToRoleAsync(user, Roles.Writer));
        var token = await Services.GetRequiredService<ApiTokenStore>().CreateAsync(user.Id, "tests");
        return new Writer(user.Id, userName, token.Secret);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ownData.IsValueCreated)
            ownData.Value.Dispose();
    }

    private static void Require(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
