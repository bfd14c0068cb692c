using Microsoft.EntityFrameworkCore;

namespace Portal.Data.Users;

public sealed record PortalUserSummary(string Id, string UserName, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, bool IsLockedOut, int Verses);

/// <summary>The admin's list of accounts, with roles and verse counts, in two queries rather than one per user.</summary>
public sealed class UserDirectory(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock)
{
    public async Task<IReadOnlyList<PortalUserSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().Select(u => new { u.Id, u.UserName, u.CreatedAt, u.LockoutEnd }).ToListAsync(cancellationToken);
        var roles = await (from userRole in db.UserRoles
                           join role in db.Roles on userRole.RoleId equals role.Id
                           select new { userRole.UserId, role.Name }).ToListAsync(cancellationToken);
        var verses = await db.Verses.GroupBy(v => v.AuthorId).Select(g => new { AuthorId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.AuthorId, g => g.Count, cancellationToken);
        var now = clock.GetUtcNow();
        return users
            .OrderBy(u => u.UserName, StringComparer.OrdinalIgnoreCase)
            .Select(u => new PortalUserSummary(
                u.Id,
                u.UserName ?? "",
                roles.Where(r => r.UserId == u.Id).Select(r => r.Name ?? "").Order(StringComparer.Ordinal).ToList(),
                u.CreatedAt,
                u.LockoutEnd > now,
                verses.GetValueOrDefault(u.Id)))
            .ToList();
    }
}
