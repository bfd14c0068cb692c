using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Access;
using Portal.Web.Services.Versions;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Versions;

/// <summary>A test's own portal on a copy of the trained data, deleted with it.</summary>
public sealed class VersionPortal(PortalFactory portal, TempDirectory data) : IAsyncDisposable
{
    public PortalFactory Portal => portal;

    public string DataDirectory => data.Path;

    /// <summary>The default deploy remote: a bare repository in the data directory.</summary>
    public string RemoteDirectory => Path.Combine(data.Path, "remote.git");

    public VersionService Versions => portal.Services.GetRequiredService<VersionService>();

    public HttpClient CreateAdminClient() => portal.CreateAdminClient();

    /// <summary>The admin that PORTAL_ADMIN_USER created, as the services see them.</summary>
    public async Task<Actor> AdminAsync()
    {
        using var scope = portal.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Portal.Data.Entities.PortalUser>>();
        var admin = await users.FindByNameAsync(PortalFactory.AdminUser) ?? throw new InvalidOperationException("The test admin is missing.");
        return new Actor(admin.Id, admin.UserName!, IsAdmin: true);
    }

    public async ValueTask DisposeAsync()
    {
        await portal.DisposeAsync();
        data.Dispose();
    }
}
