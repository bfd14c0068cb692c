using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Access;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Data.Training;

namespace Portal.Web.Services.Versions;

/// <summary>
/// The admin in whose name automatic promotions are made: whoever last saved the auto-promote switch, as long as
/// that account can still sign in and is still an admin.
/// </summary>
public sealed class AutoPromoteAuthor(IDbContextFactory<PortalDbContext> contexts, IServiceScopeFactory scopes, ILogger<AutoPromoteAuthor> logger)
{
    public async Task<Actor?> FindAsync(CancellationToken cancellationToken = default)
    {
        string? userId;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            userId = await db.PortalSettings.Where(s => s.Key == PortalSettingsStore.AutoPromoteKey)
                .Select(s => s.ChangedById).SingleOrDefaultAsync(cancellationToken);
        }
        if (userId is null)
        {
            logger.LogWarning("Auto-promote is on but nobody is recorded as having turned it on; nothing was promoted");
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null || await users.IsLockedOutAsync(user) || !await users.IsInRoleAsync(user, Roles.Admin))
        {
            logger.LogWarning("Auto-promote was turned on by an account that can no longer promote; an admin must turn it on again");
            return null;
        }
        return new Actor(user.Id, user.UserName ?? user.Id, IsAdmin: true);
    }
}
