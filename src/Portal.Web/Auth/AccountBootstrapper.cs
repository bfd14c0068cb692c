using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Access;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Data.Tokens;
using Portal.Web.Options;
using Portal.Web.Services;

namespace Portal.Web.Auth;

/// <summary>
/// Creates the roles and, on first start, the admin: from PORTAL_ADMIN_USER / PORTAL_ADMIN_PASSWORD when set,
/// otherwise through the one-time set-up page. Serialised so that two first visitors cannot both become admin.
/// PORTAL_API_TOKEN and PORTAL_WORKER_TOKEN are registered for the first admin as soon as there is one.
/// </summary>
public sealed class AccountBootstrapper(
    IServiceScopeFactory scopes,
    IDbContextFactory<PortalDbContext> contexts,
    BootstrapOptions bootstrap,
    SetupState setup,
    ApiTokenStore tokens,
    SampleVerseSeeder samples,
    ILogger<AccountBootstrapper> logger)
{
    public const string BootstrapTokenName = "PORTAL_API_TOKEN";
    public const string BootstrapWorkerTokenName = "PORTAL_WORKER_TOKEN";
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        // One secret cannot be both: the first registered would win and the other variable would silently not work.
        if (bootstrap.WorkerToken is not null && bootstrap.WorkerToken == bootstrap.ApiToken)
            throw new InvalidOperationException("PORTAL_WORKER_TOKEN must differ from PORTAL_API_TOKEN.");

        using var scope = scopes.CreateScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
                Require(await roles.CreateAsync(new IdentityRole(role)), $"create the {role} role");
        }

        if (await AnyAdminAsync(cancellationToken))
            setup.MarkAdminCreated();
        else if (bootstrap is { AdminUser: { } user, AdminPassword: { } password })
        {
            var created = await CreateFirstAdminAsync(user, password, cancellationToken);
            if (!created.Succeeded)
                throw new InvalidOperationException($"PORTAL_ADMIN_USER could not be created: {Describe(created)}");
            logger.LogInformation("Created the admin account {User} from PORTAL_ADMIN_USER", user);
        }

        if (bootstrap.ApiToken is not null || bootstrap.WorkerToken is not null)
            await EnsureBootstrapTokensAsync(cancellationToken);
    }

    /// <summary>Creates the first admin, once. Fails when an admin already exists, whoever won the race.</summary>
    public async Task<IdentityResult> CreateFirstAdminAsync(string userName, string password, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (setup.AdminExists || await AnyAdminAsync(cancellationToken))
            {
                setup.MarkAdminCreated();
                return IdentityResult.Failed(new IdentityError { Code = "AdminExists", Description = "The portal already has an admin." });
            }

            using var scope = scopes.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var admin = new PortalUser { UserName = userName.Trim(), CreatedAt = DateTimeOffset.UtcNow };
            var result = await users.CreateAsync(admin, password);
            if (!result.Succeeded)
                return result;
            Require(await users.AddToRolesAsync(admin, [Roles.Admin, Roles.Writer]), "give the admin its roles");

            setup.MarkAdminCreated();
            await EnsureBootstrapTokensAsync(admin.Id, cancellationToken);
            await samples.SeedAsync(new Actor(admin.Id, admin.UserName!, IsAdmin: true), cancellationToken);
            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task EnsureBootstrapTokensAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var adminId = await AdminIdsQuery(db).OrderBy(id => id).FirstOrDefaultAsync(cancellationToken);
        if (adminId is null)
        {
            logger.LogInformation("PORTAL_API_TOKEN and PORTAL_WORKER_TOKEN will be registered for the admin created on the set-up page");
            return;
        }
        await EnsureBootstrapTokensAsync(adminId, cancellationToken);
    }

    private async Task EnsureBootstrapTokensAsync(string adminId, CancellationToken cancellationToken)
    {
        if (bootstrap.ApiToken is { } apiSecret)
            await tokens.EnsureAsync(adminId, BootstrapTokenName, apiSecret, cancellationToken);
        if (bootstrap.WorkerToken is { } workerSecret)
            await tokens.EnsureWorkerTokenAsync(adminId, BootstrapWorkerTokenName, workerSecret, cancellationToken);
    }

    private async Task<bool> AnyAdminAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await AdminIdsQuery(db).AnyAsync(cancellationToken);
    }

    private static IQueryable<string> AdminIdsQuery(PortalDbContext db) =>
        from userRole in db.UserRoles
        join role in db.Roles on userRole.RoleId equals role.Id
        where role.Name == Roles.Admin
        select userRole.UserId;

    private static void Require(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not {what}: {Describe(result)}");
    }

    public static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}
