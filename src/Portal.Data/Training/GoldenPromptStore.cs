using Microsoft.EntityFrameworkCore;
using Portal.Core.Training;
using Portal.Data.Entities;

namespace Portal.Data.Training;

public sealed class GoldenPromptStore(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock) : IGoldenPromptStore
{
    public async Task<IReadOnlyList<GoldenPrompt>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.GoldenPrompts.AsNoTracking()
            .OrderBy(p => p.Id)
            .Select(p => new { Prompt = p, Name = p.AddedBy!.UserName })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new GoldenPrompt(r.Prompt.Id, r.Prompt.Text, r.Prompt.AddedById, r.Name ?? "", r.Prompt.AddedAt)).ToList();
    }

    public async Task<GoldenPromptAddResult> AddAsync(string userId, string text, CancellationToken cancellationToken = default)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
            return GoldenPromptAddResult.Empty;
        if (trimmed.Length > GoldenPrompt.MaxLength)
            return GoldenPromptAddResult.TooLong;

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // BEGIN IMMEDIATE: two writers adding at once cannot both see room for one more prompt.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // At most MaxCount rows, so comparing in memory is cheap, and unlike SQLite's lower() it folds every script's case.
        var existing = await db.GoldenPrompts.Select(p => p.Text).ToListAsync(cancellationToken);
        if (existing.Contains(trimmed, StringComparer.OrdinalIgnoreCase))
            return GoldenPromptAddResult.Duplicate;
        if (existing.Count >= GoldenPrompt.MaxCount)
            return GoldenPromptAddResult.TooMany;

        db.GoldenPrompts.Add(new GoldenPromptEntity { Text = trimmed, AddedById = userId, AddedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return GoldenPromptAddResult.Added;
    }

    public async Task<bool> RemoveAsync(string userId, bool isAdmin, int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var removed = await db.GoldenPrompts
            .Where(p => p.Id == id && (isAdmin || p.AddedById == userId))
            .ExecuteDeleteAsync(cancellationToken);
        return removed == 1;
    }
}
