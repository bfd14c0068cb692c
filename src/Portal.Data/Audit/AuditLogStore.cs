using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Data.Entities;
using Portal.Data.Verses;

namespace Portal.Data.Audit;

/// <summary>The audit table: append one entry, read pages newest first. There is no way to change or remove an entry.</summary>
public sealed class AuditLogStore(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock)
{
    /// <exception cref="Exception">Whatever the database throws: callers that must not fail use <see cref="AuditLog"/>.</exception>
    public async Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrWhiteSpace(record.ActorId);
        var row = new AuditEntryEntity
        {
            At = clock.GetUtcNow(),
            ActorId = Fit(record.ActorId, 256),
            ActorName = Fit(record.ActorName, 256),
            Action = record.Action.ToString(),
            // Too long is cut, not refused: an action that happened is recorded, if need be in part.
            Target = Fit(record.Target, AuditRecord.MaxTargetLength),
            Detail = Fit(record.Detail, AuditRecord.MaxDetailLength),
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.AuditEntries.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return ToEntry(row);
    }

    public async Task<AuditEntryPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = db.AuditEntries.AsNoTracking();
        if (query.Action is { } action)
        {
            var name = action.ToString();
            rows = rows.Where(e => e.Action == name);
        }
        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            var pattern = LikePattern.Contains(query.Actor.Trim());
            rows = rows.Where(e => EF.Functions.Like(e.ActorName, pattern, LikePattern.EscapeCharacter));
        }
        var total = await rows.CountAsync(cancellationToken);
        var pageSize = Math.Clamp(query.PageSize, 1, AuditQuery.MaxPageSize);
        // Ids only grow and rows are never removed, so the highest id is the newest entry.
        var items = await rows.OrderByDescending(e => e.Id)
            .Skip(Math.Max(0, query.Page) * pageSize)
            .Take(pageSize)
            .ToListAsync(cancellationToken);
        return new AuditEntryPage(items.Select(ToEntry).ToList(), total);
    }

    private static AuditEntry ToEntry(AuditEntryEntity row) =>
        new(row.Id, row.At, row.ActorId, row.ActorName, Enum.TryParse<AuditAction>(row.Action, out var action) ? action : default, row.Target, row.Detail);

    private static string Fit(string? text, int length)
    {
        var value = text ?? "";
        return value.Length <= length ? value : value[..(length - 1)] + "…";
    }
}
