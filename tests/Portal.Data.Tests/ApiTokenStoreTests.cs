using Microsoft.EntityFrameworkCore;
using Portal.Data.Tokens;

namespace Portal.Data.Tests;

public sealed class ApiTokenStoreTests
{
    [Fact]
    public async Task ATokenValidatesUntilRevokedAndOnlyItsHashIsStored()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ana = await database.AddUserAsync("ana");
        var tokens = database.Get<ApiTokenStore>();

        var created = await tokens.CreateAsync(ana.UserId, "laptop script");

        Assert.StartsWith(ApiTokenSecret.Prefix, created.Secret);
        Assert.Equal(ana.UserId, (await tokens.ValidateAsync(created.Secret))?.UserId);
        await using (var db = await database.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var row = await db.ApiTokens.SingleAsync();
            Assert.NotEqual(created.Secret, row.Hash);
            Assert.DoesNotContain(created.Secret, row.Prefix + row.Hash + row.Name);
        }

        Assert.True(await tokens.RevokeAsync(ana.UserId, created.Info.Id));
        Assert.Null(await tokens.ValidateAsync(created.Secret));
    }

    [Fact]
    public async Task AWriterCannotRevokeSomeoneElsesToken()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ana = await database.AddUserAsync("ana");
        var ben = await database.AddUserAsync("ben");
        var tokens = database.Get<ApiTokenStore>();
        var anas = await tokens.CreateAsync(ana.UserId, "ci");

        Assert.False(await tokens.RevokeAsync(ben.UserId, anas.Info.Id));
        Assert.NotNull(await tokens.ValidateAsync(anas.Secret));
    }

    [Fact]
    public async Task EnsuringTheBootstrapTokenTwiceStoresItOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        var admin = await database.AddUserAsync("root", admin: true);
        var tokens = database.Get<ApiTokenStore>();

        await tokens.EnsureAsync(admin.UserId, "PORTAL_API_TOKEN", "a-secret-chosen-by-ci-0123456789");
        await tokens.EnsureAsync(admin.UserId, "PORTAL_API_TOKEN", "a-secret-chosen-by-ci-0123456789");

        Assert.Single(await tokens.ListAsync(admin.UserId));
        Assert.Equal(admin.UserId, (await tokens.ValidateAsync("a-secret-chosen-by-ci-0123456789"))?.UserId);
        Assert.Null(await tokens.ValidateAsync("a-secret-chosen-by-ci-0123456788"));
    }
}
