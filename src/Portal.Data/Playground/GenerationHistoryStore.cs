using Microsoft.EntityFrameworkCore;
using Portal.Core.Playground;

namespace Portal.Data.Playground;

public sealed class GenerationHistoryStore(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock) : IGenerationHistoryStore
{
    public async Task<GenerationRecord> AddAsync(string userId, NewGeneration generation, int keep, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentNullException.ThrowIfNull(generation);
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        if (generation.Prompt is null || generation.Settings is null || generation.Outputs is null)
            throw new ArgumentException("A run has a prompt, settings and outputs.", nameof(generation));

        var row = GenerationRunMapping.ToEntity(userId, generation, clock.GetUtcNow());
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // BEGIN IMMEDIATE: two runs of one writer finishing at once must not each trim before seeing the other.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.GenerationRuns.Add(row);
        await db.SaveChangesAsync(cancellationToken);

        // Ids grow with time, so the writer's newest runs are their highest ids; everything below the keep-th goes.
        var oldestKept = await db.GenerationRuns
            .Where(r => r.UserId == userId)
            .OrderByDescending(r => r.Id)
            .Skip(keep - 1)
            .Select(r => (long?)r.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (oldestKept is { } cutoff)
            await db.GenerationRuns.Where(r => r.UserId == userId && r.Id < cutoff).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return GenerationRunMapping.ToRecord(row);
    }

    public async Task<IReadOnlyList<GenerationRecord>> RecentAsync(string userId, int take, CancellationToken cancellationToken = default)
    {
        if (take <= 0)
            return [];
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.GenerationRuns.AsNoTracking()
            .Where(r => r.UserId == userId)
            .OrderByDescending(r => r.Id)
            .Take(take)
            .ToListAsync(cancellationToken);
        return rows.Select(GenerationRunMapping.ToRecord).ToList();
    }

    public async Task<GenerationRecord?> FindAsync(string userId, long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.GenerationRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.UserId == userId, cancellationToken);
        return row is null ? null : GenerationRunMapping.ToRecord(row);
    }
}
