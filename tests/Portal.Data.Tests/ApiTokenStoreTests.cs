using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
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

    [Fact]
    public async Task AWorkerTokenValidatesWithTheWorkerScopeAndIsNotListedAsTheCreatorsToken()
    {
        await using var database = await TestDatabase.CreateAsync();
        var admin = await database.AddUserAsync("root", admin: true);
        var tokens = database.Get<ApiTokenStore>();
        var personal = await tokens.CreateAsync(admin.UserId, "laptop script");

        var worker = await tokens.CreateWorkerTokenAsync(admin.UserId, "gpu box");

        var owner = await tokens.ValidateAsync(worker.Secret);
        Assert.Equal((admin.UserId, worker.Info.Id, ApiTokenScopes.Worker, true, "gpu box"), (owner?.UserId, owner?.TokenId, owner?.Scope, owner?.IsWorker, owner?.Name));
        Assert.Equal((ApiTokenScopes.Api, false), ((await tokens.ValidateAsync(personal.Secret))?.Scope, (await tokens.ValidateAsync(personal.Secret))?.IsWorker));
        Assert.Equal([personal.Info.Id], (await tokens.ListAsync(admin.UserId)).Select(t => t.Id));
        Assert.Equal([worker.Info.Id], (await tokens.ListWorkerTokensAsync()).Select(t => t.Id));
    }

    [Fact]
    public async Task WorkerTokensOfEveryCreatorAreListedNewestFirst()
    {
        await using var database = await TestDatabase.CreateAsync();
        var root = await database.AddUserAsync("root", admin: true);
        var ops = await database.AddUserAsync("ops", admin: true);
        var tokens = database.Get<ApiTokenStore>();

        var older = await tokens.CreateWorkerTokenAsync(root.UserId, "gpu box");
        var newer = await tokens.CreateWorkerTokenAsync(ops.UserId, "second gpu box");

        Assert.Equal([newer.Info.Id, older.Info.Id], (await tokens.ListWorkerTokensAsync()).Select(t => t.Id));
    }

    [Fact]
    public async Task AWorkerTokenIsRevokedOnlyAsAWorkerToken()
    {
        await using var database = await TestDatabase.CreateAsync();
        var admin = await database.AddUserAsync("root", admin: true);
        var tokens = database.Get<ApiTokenStore>();
        var worker = await tokens.CreateWorkerTokenAsync(admin.UserId, "gpu box");
        var personal = await tokens.CreateAsync(admin.UserId, "laptop script");

        Assert.False(await tokens.RevokeAsync(admin.UserId, worker.Info.Id));
        Assert.False(await tokens.RevokeWorkerTokenAsync(personal.Info.Id));
        Assert.NotNull(await tokens.ValidateAsync(worker.Secret));
        Assert.NotNull(await tokens.ValidateAsync(personal.Secret));

        Assert.True(await tokens.RevokeWorkerTokenAsync(worker.Info.Id));
        Assert.False(await tokens.RevokeWorkerTokenAsync(worker.Info.Id));
        Assert.Null(await tokens.ValidateAsync(worker.Secret));
        Assert.NotNull((await tokens.ListWorkerTokensAsync()).Single().RevokedAt);
    }

    [Fact]
    public async Task EnsuringTheWorkerTokenTwiceStoresItOnceWithTheWorkerScope()
    {
        await using var database = await TestDatabase.CreateAsync();
        var admin = await database.AddUserAsync("root", admin: true);
        var tokens = database.Get<ApiTokenStore>();

        await tokens.EnsureWorkerTokenAsync(admin.UserId, "PORTAL_WORKER_TOKEN", "a-worker-secret-chosen-by-ops-0123");
        await tokens.EnsureWorkerTokenAsync(admin.UserId, "PORTAL_WORKER_TOKEN", "a-worker-secret-chosen-by-ops-0123");

        Assert.Single(await tokens.ListWorkerTokensAsync());
        Assert.Empty(await tokens.ListAsync(admin.UserId));
        Assert.Equal(ApiTokenScopes.Worker, (await tokens.ValidateAsync("a-worker-secret-chosen-by-ops-0123"))?.Scope);
    }

    [Fact]
    public async Task TokensMadeBeforeScopesExistedStayPersonalApiTokens()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ana = await database.AddUserAsync("ana");
        const string secret = "vp_made-before-worker-tokens-existed";
        await using (var db = await database.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            await db.GetService<IMigrator>().MigrateAsync("InitialSchema");
            var hash = ApiTokenSecret.Hash(secret);
            await db.Database.ExecuteSqlAsync($"INSERT INTO ApiTokens (UserId, Name, Prefix, Hash, CreatedAt) VALUES ({ana.UserId}, 'old script', 'vp_made-b…', {hash}, 0)");
        }

        await database.Get<DatabaseMigrator>().MigrateAsync();

        var tokens = database.Get<ApiTokenStore>();
        Assert.Equal(ApiTokenScopes.Api, (await tokens.ValidateAsync(secret))?.Scope);
        Assert.Equal("old script", Assert.Single(await tokens.ListAsync(ana.UserId)).Name);
    }
}
