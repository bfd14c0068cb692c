using Microsoft.AspNetCore.Identity;
using Portal.Core.Access;
using Portal.Data.Entities;

namespace Portal.Web.Services;

/// <summary>What an admin does to accounts: create a writer directly, and lock or unlock an account.</summary>
public sealed class WriterAdministration(UserManager<PortalUser> users, TimeProvider clock)
{
    public async Task<IdentityResult> CreateAsync(string userName, string password, string role)
    {
        if (!Roles.All.Contains(role))
            return IdentityResult.Failed(new IdentityError { Code = "UnknownRole", Description = $"There is no role called {role}." });
        var user = new PortalUser { UserName = userName.Trim(), CreatedAt = clock.GetUtcNow() };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
            return created;
        return await users.AddToRolesAsync(user, role == Roles.Admin ? [Roles.Admin, Roles.Writer] : [Roles.Writer]);
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
        return result;
    }
}
