using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Portal.Data.Entities;

namespace Portal.Data.Tokens;

public sealed class ApiTokenStore(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock)
{
    public const int MaxNameLength = 80;
    private const int MaxSecretLength = 512;

    /// <summary>Last-used times are written at most this often, so that a busy script does not write on every call.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<CreatedApiToken> CreateAsync(string userId, string name, CancellationToken cancellationToken = default) =>
        await StoreAsync(userId, name, ApiTokenSecret.Create(), ApiTokenScopes.Api, cancellationToken);

    /// <summary>Registers a secret chosen outside the portal (PORTAL_API_TOKEN), once; a second call with the same secret is a no-op.</summary>
    public Task EnsureAsync(string userId, string name, string secret, CancellationToken cancellationToken = default) =>
        EnsureAsync(userId, name, secret, ApiTokenScopes.Api, cancellationToken);

    /// <summary>A token for a training worker on another machine; <paramref name="createdById"/> is the admin who made it.</summary>
    public async Task<CreatedApiToken> CreateWorkerTokenAsync(string createdById, string name, CancellationToken cancellationToken = default) =>
        await StoreAsync(createdById, name, ApiTokenSecret.Create(), ApiTokenScopes.Worker, cancellationToken);

    /// <summary>Registers a worker secret chosen outside the portal (PORTAL_WORKER_TOKEN), once.</summary>
    public Task EnsureWorkerTokenAsync(string ownerId, string name, string secret, CancellationToken cancellationToken = default) =>
        EnsureAsync(ownerId, name, secret, ApiTokenScopes.Worker, cancellationToken);

    /// <summary>The user's own API tokens; worker tokens are listed to admins by <see cref="ListWorkerTokensAsync"/>.</summary>
    public async Task<IReadOnlyList<ApiTokenInfo>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tokens = await db.ApiTokens.AsNoTracking()
            .Where(t => t.UserId == userId && t.Scope == ApiTokenScopes.Api)
            .ToListAsync(cancellationToken);
        return tokens.OrderByDescending(t => t.CreatedAt).Select(ToInfo).ToList();
    }

    /// <summary>Every worker token, whoever created it, newest first.</summary>
    public async Task<IReadOnlyList<ApiTokenInfo>> ListWorkerTokensAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.Scope == ApiTokenScopes.Worker).ToListAsync(cancellationToken);
        return tokens.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).Select(ToInfo).ToList();
    }

    /// <summary>Revokes one of the user's own API tokens; false when it is not theirs or already revoked.</summary>
    public async Task<bool> RevokeAsync(string userId, int tokenId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await RevokeAsync(db.ApiTokens.Where(t => t.Id == tokenId && t.UserId == userId && t.Scope == ApiTokenScopes.Api), cancellationToken);
    }

    /// <summary>Revokes a worker token (an admin's action, whoever created it); false when there is no such active token.</summary>
    public async Task<bool> RevokeWorkerTokenAsync(int tokenId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await RevokeAsync(db.ApiTokens.Where(t => t.Id == tokenId && t.Scope == ApiTokenScopes.Worker), cancellationToken);
    }

    public async Task<ApiTokenOwner?> ValidateAsync(string secret, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > MaxSecretLength)
            return null;
        var hash = ApiTokenSecret.Hash(secret);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var token = await db.ApiTokens.AsNoTracking().SingleOrDefaultAsync(t => t.Hash == hash && t.RevokedAt == null, cancellationToken);
        if (token is null)
            return null;

        var now = clock.GetUtcNow();
        if (token.LastUsedAt is null || now - token.LastUsedAt.Value > LastUsedResolution)
            RecordUseBesideTheCall(token.Id, now);
        return new ApiTokenOwner(token.UserId, token.Id, token.Scope, token.Name);
    }

    /// <summary>
    /// The last-use time is bookkeeping, written beside the call and never in its way: SQLite has one write lock, and
    /// while a long write holds it (an import of thousands of verses) a call that waited for this would wait with it,
    /// and fail after the busy timeout. A write that fails is dropped; a call a minute later tries again.
    /// </summary>
    private void RecordUseBesideTheCall(int tokenId, DateTimeOffset now) =>
        _ = Task.Run(async () =>
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync();
                await db.ApiTokens.Where(t => t.Id == tokenId).ExecuteUpdateAsync(set => set.SetProperty(t => t.LastUsedAt, now));
            }
            catch (Exception e) when (e is DbException or ObjectDisposedException or InvalidOperationException)
            {
                // A busy or closing database: nothing to do but leave the older time in place.
            }
        });

    /// <summary>
    /// <see cref="ValidateAsync"/> and, for an API token, its owner's name, roles and whether they may sign in now,
    /// read together: every call of a script pays for this, and Identity's own principal factory reads the user, their
    /// lockout, roles, claims and each role's claims one query at a time (a fifth of the CPU of a burst of refused calls).
    /// </summary>
    public async Task<ApiTokenAccount?> AuthenticateAsync(string secret, CancellationToken cancellationToken = default)
    {
        var token = await ValidateAsync(secret, cancellationToken);
        if (token is null || token.IsWorker)
            return token is null ? null : new ApiTokenAccount(token, null, [], CanSignIn: true);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == token.UserId)
            .Select(u => new
            {
                u.UserName,
                u.LockoutEnabled,
                u.LockoutEnd,
                Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, role => role.Id, (_, role) => role.Name).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (user is null)
            return new ApiTokenAccount(token, null, [], CanSignIn: false);
        // Identity's own rule (UserManager.IsLockedOutAsync): locked out while the lockout end is still ahead.
        var lockedOut = user.LockoutEnabled && user.LockoutEnd is { } end && end >= clock.GetUtcNow();
        return new ApiTokenAccount(token, user.UserName, user.Roles.OfType<string>().ToList(), CanSignIn: !lockedOut);
    }

    private async Task EnsureAsync(string userId, string name, string secret, string scope, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var hash = ApiTokenSecret.Hash(secret);
        // A secret from the environment may be short or chosen by a person, so not even its first characters are
        // kept or shown; rows written before this rule lose theirs at the next start.
        if (await db.ApiTokens.AnyAsync(t => t.Hash == hash, cancellationToken))
        {
            await db.ApiTokens.Where(t => t.Hash == hash && t.Prefix != ApiTokenSecret.FromEnvironment)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.Prefix, ApiTokenSecret.FromEnvironment), cancellationToken);
            return;
        }
        await StoreAsync(userId, name, secret, scope, cancellationToken, ApiTokenSecret.FromEnvironment);
    }

    private async Task<bool> RevokeAsync(IQueryable<ApiTokenEntity> token, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var changed = await token.Where(t => t.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, now), cancellationToken);
        return changed == 1;
    }

    private async Task<CreatedApiToken> StoreAsync(string userId, string name, string secret, string scope, CancellationToken cancellationToken, string? display = null)
    {
        var trimmed = name.Trim();
        if (trimmed.Length == 0 || trimmed.Length > MaxNameLength)
            throw new ArgumentException($"A token name has 1 to {MaxNameLength} characters.", nameof(name));

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entity = new ApiTokenEntity
        {
            UserId = userId,
            Name = trimmed,
            Prefix = display ?? ApiTokenSecret.Display(secret),
            Hash = ApiTokenSecret.Hash(secret),
            CreatedAt = clock.GetUtcNow(),
            Scope = scope,
        };
        db.ApiTokens.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiToken(ToInfo(entity), secret);
    }

    private static ApiTokenInfo ToInfo(ApiTokenEntity t) => new(t.Id, t.Name, t.Prefix, t.CreatedAt, t.LastUsedAt, t.RevokedAt);
}
