using Microsoft.EntityFrameworkCore;
using Portal.Data.Entities;
using Portal.Data.Tokens;

namespace Portal.Data.Invitations;

public sealed record InvitationInfo(int Id, string Role, string? Note, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt);

public sealed record CreatedInvitation(InvitationInfo Info, string Code);

/// <summary>One-time invitation codes. Like API tokens, only a hash of the code is kept.</summary>
public sealed class InvitationStore(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public async Task<CreatedInvitation> CreateAsync(string createdById, string role, string? note, CancellationToken cancellationToken = default)
    {
        var code = ApiTokenSecret.Create()[ApiTokenSecret.Prefix.Length..];
        var now = clock.GetUtcNow();
        var entity = new InvitationEntity
        {
            CodeHash = ApiTokenSecret.Hash(code),
            Role = role,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            CreatedById = createdById,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Invitations.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedInvitation(ToInfo(entity), code);
    }

    public async Task<IReadOnlyList<InvitationInfo>> ListOpenAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var open = await db.Invitations.AsNoTracking().Where(i => i.UsedAt == null && i.ExpiresAt > now).ToListAsync(cancellationToken);
        return open.OrderByDescending(i => i.CreatedAt).Select(ToInfo).ToList();
    }

    /// <summary>The invitation a code opens, if it is unused and not expired.</summary>
    public async Task<InvitationInfo?> FindOpenAsync(string code, CancellationToken cancellationToken = default)
    {
        var hash = ApiTokenSecret.Hash(code);
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entity = await db.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.CodeHash == hash && i.UsedAt == null && i.ExpiresAt > now, cancellationToken);
        return entity is null ? null : ToInfo(entity);
    }

    /// <summary>Marks the invitation used; false when someone else used it first (the update is conditional).</summary>
    public async Task<bool> MarkUsedAsync(int id, string userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changed = await db.Invitations.Where(i => i.Id == id && i.UsedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.UsedAt, now).SetProperty(i => i.UsedById, userId), cancellationToken);
        return changed == 1;
    }

    public async Task<bool> RevokeAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Invitations.Where(i => i.Id == id && i.UsedAt == null).ExecuteDeleteAsync(cancellationToken) == 1;
    }

    private static InvitationInfo ToInfo(InvitationEntity i) => new(i.Id, i.Role, i.Note, i.CreatedAt, i.ExpiresAt, i.UsedAt);
}
