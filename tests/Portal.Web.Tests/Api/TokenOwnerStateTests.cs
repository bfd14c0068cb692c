using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Access;
using Portal.Data.Entities;
using Portal.Web.Services;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Api;

/// <summary>
/// An API token stands for its owner as they are now: locking them out, taking a role away or deleting them takes
/// effect on the very next call, and a call runs under the owner's own name.
/// </summary>
public sealed class TokenOwnerStateTests : IAsyncLifetime
{
    private readonly PortalFactory portal = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await portal.DisposeAsync();

    [Fact]
    public async Task ALockedOutOwnersTokenIs401UntilTheyAreLetBackIn()
    {
        var writer = await portal.CreateWriterAsync("cleo");
        using var client = portal.CreateBearerClient(writer.Token);
        using var scope = portal.Services.CreateScope();
        var administration = scope.ServiceProvider.GetRequiredService<WriterAdministration>();
        var admin = new Actor("admin-id", "admin", IsAdmin: true);

        using var before = await client.GetAsync("/api/verses");
        Assert.True((await administration.SetLockedAsync(writer.Id, locked: true, admin)).Succeeded);
        using var locked = await client.GetAsync("/api/verses");
        Assert.True((await administration.SetLockedAsync(writer.Id, locked: false, admin)).Succeeded);
        using var unlocked = await client.GetAsync("/api/verses");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
    }

    [Fact]
    public async Task TakingAwayTheAdminRoleClosesAdminEndpointsToTheirTokenAtOnce()
    {
        var writer = await portal.CreateWriterAsync("dana");
        using var client = portal.CreateBearerClient(writer.Token);

        using var asWriter = await client.GetAsync("/api/audit");
        await ChangeAsync(writer.Id, (users, user) => users.AddToRoleAsync(user, Roles.Admin));
        using var asAdmin = await client.GetAsync("/api/audit");
        await ChangeAsync(writer.Id, (users, user) => users.RemoveFromRoleAsync(user, Roles.Admin));
        using var demoted = await client.GetAsync("/api/audit");

        Assert.Equal(HttpStatusCode.Forbidden, asWriter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, demoted.StatusCode);
    }

    [Fact]
    public async Task ADeletedOwnersTokenIs401()
    {
        var writer = await portal.CreateWriterAsync("eli");
        using var client = portal.CreateBearerClient(writer.Token);

        await ChangeAsync(writer.Id, (users, user) => users.DeleteAsync(user));
        using var response = await client.GetAsync("/api/verses");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AVerseAddedWithATokenIsTheOwnersUnderTheirName()
    {
        var writer = await portal.CreateWriterAsync("fern");
        using var client = portal.CreateBearerClient(writer.Token);

        using var created = await client.PostAsJsonAsync("/api/verses", new { prompt = "Token owner verse about rain", lyrics = "Rain on the tin\nRain on the skin" });
        var verse = await created.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(writer.Id, verse.GetProperty("authorId").GetString());
        Assert.Equal("fern", verse.GetProperty("author").GetString());
    }

    private async Task ChangeAsync(string userId, Func<UserManager<PortalUser>, PortalUser, Task<IdentityResult>> change)
    {
        using var scope = portal.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException($"No user {userId}.");
        var result = await change(users, user);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
