using Microsoft.EntityFrameworkCore;
using Portal.Core.Versions;
using Portal.Data.Sqlite;

namespace Portal.Data.Versions;

public sealed class ModelVersionStore(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock) : IModelVersionStore
{
    public async Task<IReadOnlyList<ModelVersion>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.ModelVersions.AsNoTracking().OrderByDescending(v => v.Number).ToListAsync(cancellationToken);
        return rows.Select(ModelVersionMapping.ToVersion).ToList();
    }

    public async Task<ModelVersion?> FindAsync(int number, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.ModelVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Number == number, cancellationToken);
        return row is null ? null : ModelVersionMapping.ToVersion(row);
    }

    public async Task<ModelVersion?> LatestAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.ModelVersions.AsNoTracking().OrderByDescending(v => v.Number).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : ModelVersionMapping.ToVersion(row);
    }

    public async Task<ModelVersion> AddAsync(ModelVersion version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentOutOfRangeException.ThrowIfLessThan(version.Number, 1, nameof(version));
        ArgumentException.ThrowIfNullOrWhiteSpace(version.CommitSha, nameof(version));

        // A caller that leaves the date out means "now"; year 1 in the history would only confuse.
        var createdAt = version.CreatedAt == default ? clock.GetUtcNow() : version.CreatedAt;
        var row = ModelVersionMapping.ToEntity(version, createdAt);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // BEGIN IMMEDIATE: two promotions racing for one number cannot both find it free.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.ModelVersions.AnyAsync(v => v.Number == version.Number, cancellationToken))
            throw NumberTaken(version.Number);
        db.ModelVersions.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (SqliteErrors.IsUniqueViolation(e))
        {
            // Another process sharing the file (a second portal instance) won the number after all.
            throw NumberTaken(version.Number, e);
        }
        await transaction.CommitAsync(cancellationToken);
        return ModelVersionMapping.ToVersion(row);
    }

    public async Task<ModelVersion?> UpdatePushAsync(
        int number, string commitSha, PushState state, string? error, DateTimeOffset? pushedAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(commitSha);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await db.ModelVersions.SingleOrDefaultAsync(v => v.Number == number, cancellationToken);
        if (row is null)
            return null;
        row.CommitSha = commitSha;
        row.PushState = state;
        row.PushError = error;
        row.PushedAt = pushedAt;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ModelVersionMapping.ToVersion(row);
    }

    public async Task<IReadOnlyList<ModelVersion>> ForJobAsync(long jobId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.ModelVersions.AsNoTracking().Where(v => v.JobId == jobId).OrderByDescending(v => v.Number).ToListAsync(cancellationToken);
        return rows.Select(ModelVersionMapping.ToVersion).ToList();
    }

    private static InvalidOperationException NumberTaken(int number, Exception? inner = null) =>
        new($"Version {VersionTag.Of(number)} is already recorded; version numbers never repeat.", inner);
}
