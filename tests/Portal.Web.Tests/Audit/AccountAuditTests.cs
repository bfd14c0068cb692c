using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Access;
using Portal.Core.Audit;
using Portal.Web.Services;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Audit;

/// <summary>What an admin does to accounts (the Writers page's service, in the real portal) is in the audit log.</summary>
public sealed class AccountAuditTests
{
    [Fact]
    public async Task CreatingLockingAndUnlockingAnAccountAreRecordedWithTheAdminWhoDidIt()
    {
        await using var portal = new PortalFactory();
        using var admin = portal.CreateAdminClient();
        var root = await AdminAsync(portal);

        using (var scope = portal.Services.CreateScope())
        {
            var administration = scope.ServiceProvider.GetRequiredService<WriterAdministration>();
            Assert.True((await administration.CreateAsync("cleo", "cleo-password", Roles.Writer, root)).Succeeded);
            var cleo = await IdOfAsync(portal, "cleo");
            Assert.True((await administration.SetLockedAsync(cleo, locked: true, root)).Succeeded);
            Assert.True((await administration.SetLockedAsync(cleo, locked: false, root)).Succeeded);
            // Refused: an admin cannot lock themselves out, and nothing is recorded for it.
            Assert.False((await administration.SetLockedAsync(root.UserId, locked: true, root)).Succeeded);
        }

        var created = await admin.SingleAsync(AuditAction.AccountCreated);
        AuditApi.AssertEntry(created, PortalFactory.AdminUser, AuditAction.AccountCreated, "account cleo");
        Assert.Equal(Roles.Writer, created.Detail);
        AuditApi.AssertEntry(await admin.SingleAsync(AuditAction.AccountLocked), PortalFactory.AdminUser, AuditAction.AccountLocked, "account cleo");
        AuditApi.AssertEntry(await admin.SingleAsync(AuditAction.AccountUnlocked), PortalFactory.AdminUser, AuditAction.AccountUnlocked, "account cleo");
        Assert.Equal(3, (await admin.GetAuditAsync()).Total);
    }

    [Fact]
    public async Task AnAccountThatCouldNotBeCreatedIsNotRecorded()
    {
        await using var portal = new PortalFactory();
        using var admin = portal.CreateAdminClient();
        var root = await AdminAsync(portal);

        using (var scope = portal.Services.CreateScope())
        {
            var administration = scope.ServiceProvider.GetRequiredService<WriterAdministration>();
            Assert.False((await administration.CreateAsync("dee", "short", Roles.Writer, root)).Succeeded);
        }

        Assert.Equal(0, (await admin.GetAuditAsync()).Total);
    }

    private static async Task<Actor> AdminAsync(PortalFactory portal)
    {
        var id = await IdOfAsync(portal, PortalFactory.AdminUser);
        return new Actor(id, PortalFactory.AdminUser, IsAdmin: true);
    }

    private static async Task<string> IdOfAsync(PortalFactory portal, string userName)
    {
        using var scope = portal.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Portal.Data.Entities.PortalUser>>();
        return (await users.FindByNameAsync(userName))?.Id ?? throw new InvalidOperationException($"{userName} is missing.");
    }
}
