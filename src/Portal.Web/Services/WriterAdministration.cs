using Microsoft.AspNetCore.Identity;
using Portal.Core.Access;
using Portal.Core.Audit;
using Portal.Data.Entities;

namespace Portal.Web.Services;

/// <summary>What an admin does to accounts: create a writer directly, and lock or unlock an account.</summary>
public sealed class WriterAdministration(UserManager<PortalUser> users, TimeProvider clock, IAuditLog audit)
{
    public async Task<IdentityResult> CreateAsync(string userName, string password, string role, Actor actor)
    {
        if (!Roles.All.Contains(role))
            return IdentityResult.Failed(new IdentityError { Code = "UnknownRole", Description = $"There is no role called {role}." });
        var user = new PortalUser { UserName = userName.Trim(), CreatedAt = clock.GetUtcNow() };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
            return created;
        var roles = await users.AddToRolesAsync(user, role == Roles.Admin ? [Roles.Admin, Roles.Writer] : [Roles.Writer]);
        // The account exists from here on, roles or not: it is recorded either way.
        await audit.RecordAsync(actor, AuditAction.AccountCreated, $"account {user.UserName}", roles.Succeeded ? role : $"{role} (roles not given: {string.Join(" ", roles.Errors.Select(e => e.Description))})");
        return roles;
    }

    /// <summary>Locks an account out of sign-in and API tokens. An admin cannot lock themselves out.</summary>
    public async Task<IdentityResult> SetLockedAsync(string userId, bool locked, Actor actor)
    {
        if (locked && userId == actor.UserId)
            return IdentityResult.Failed(new IdentityError { Code = "Self", Description = "You cannot lock your own account." });
        var user = await users.FindByIdAsync(userId);
        if (user is null)
            return IdentityResult.Failed(new IdentityError { Code = "Missing", Description = "That account no longer exists." });
        await users.SetLockoutEnabledAsync(user, true);
        var result = await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        if (result.Succeeded && locked)
            await users.UpdateSecurityStampAsync(user);
        if (result.Succeeded)
            await audit.RecordAsync(actor, locked ? AuditAction.AccountLocked : AuditAction.AccountUnlocked, $"account {user.UserName}");
        return result;
    }
}
