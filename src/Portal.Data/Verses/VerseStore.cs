using Microsoft.EntityFrameworkCore;
using Portal.Core.Access;
using Portal.Core.Text;
using Portal.Core.Training;
using Portal.Core.Verses;
using Portal.Data.Entities;
using Portal.Data.Sqlite;

namespace Portal.Data.Verses;

/// <summary>
/// Reads and single changes of the verse library. Every change checks the actor against the row it changes,
/// inside the same context, so that permission and data cannot drift apart.
/// </summary>
public sealed class VerseStore(IDbContextFactory<PortalDbContext> contexts, ITokenCounter tokens, TimeProvider clock)
{
    public async Task<VersePage> QueryAsync(VerseQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var filtered = db.Verses.AsNoTracking().Filter(query);
        var total = await filtered.CountAsync(cancellationToken);
        var items = await filtered.Sort(query)
            .Skip(Math.Max(0, query.Page) * query.PageSize)
            .Take(Math.Clamp(query.PageSize, 1, 500))
            .Select(VerseMapping.ToVerse)
            .ToListAsync(cancellationToken);
        return new VersePage(items, total);
    }

    public async Task<Verse?> FindAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Verses.AsNoTracking().Where(v => v.Id == id).Select(VerseMapping.ToVerse).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<VerseWriteResult> AddAsync(VerseText text, Actor author, bool includeInTraining, CancellationToken cancellationToken = default)
    {
        var prepared = PreparedVerse.From(text, tokens);
        if (prepared.Problem is { } problem)
            return VerseWriteResult.Invalid(problem);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await FindDuplicateAsync(db, prepared.ContentHash, exceptId: null, cancellationToken) is { } existing)
            return VerseWriteResult.Duplicate(existing);

        var entity = prepared.ToNewEntity(author.UserId, includeInTraining, clock.GetUtcNow());
        db.Verses.Add(entity);
        if (!await TrySaveUniqueAsync(db, cancellationToken))
            return await DuplicateAfterRaceAsync(prepared.ContentHash, cancellationToken);
        return VerseWriteResult.Ok(VerseMapping.ToModel(entity, author.UserName));
    }

    /// <summary>Saves the writer's text only if nobody saved a newer revision since they opened it.</summary>
    /// <param name="includeInTraining">The new training switch, or null to keep the verse's current one.</param>
    public async Task<VerseWriteResult> UpdateAsync(int id, VerseText text, bool? includeInTraining, int expectedRevision, Actor actor, CancellationToken cancellationToken = default)
    {
        var prepared = PreparedVerse.From(text, tokens);
        if (prepared.Problem is { } problem)
            return VerseWriteResult.Invalid(problem);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entity = await db.Verses.SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (entity is null)
            return VerseWriteResult.NotFound(id);
        if (!actor.CanEdit(entity.AuthorId))
            return VerseWriteResult.Forbidden();
        if (entity.Revision != expectedRevision)
            return VerseWriteResult.Conflict(await CurrentAsync(id, cancellationToken));
        if (await FindDuplicateAsync(db, prepared.ContentHash, exceptId: id, cancellationToken) is { } existing)
            return VerseWriteResult.Duplicate(existing);

        entity.Prompt = prepared.Prompt;
        entity.Lyrics = prepared.Lyrics;
        entity.TagsText = prepared.TagsText;
        entity.Notes = prepared.Notes;
        entity.ContentHash = prepared.ContentHash;
        entity.Bars = prepared.Bars;
        entity.Tokens = prepared.Tokens;
        entity.IncludeInTraining = includeInTraining ?? entity.IncludeInTraining;
        entity.UpdatedAt = clock.GetUtcNow();
        entity.Revision = expectedRevision + 1;
        try
        {
            if (!await TrySaveUniqueAsync(db, cancellationToken))
                return await DuplicateAfterRaceAsync(prepared.ContentHash, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another writer saved between our read and our write: the revision check in the UPDATE caught it.
            return VerseWriteResult.Conflict(await CurrentAsync(id, cancellationToken));
        }
        return VerseWriteResult.Ok(await CurrentAsync(id, cancellationToken));
    }

    public Task<VerseWriteResult> DeleteAsync(int id, Actor actor, CancellationToken cancellationToken = default) =>
        SetDeletedAsync(id, actor, deleted: true, cancellationToken);

    /// <summary>Undo of a delete: the verse comes back as it was, unless an identical one was added meanwhile.</summary>
    public Task<VerseWriteResult> RestoreAsync(int id, Actor actor, CancellationToken cancellationToken = default) =>
        SetDeletedAsync(id, actor, deleted: false, cancellationToken);

    /// <summary>Bulk include/exclude. Verses the actor may not change are left alone and not counted.</summary>
    public async Task<int> SetIncludedAsync(IReadOnlyCollection<int> ids, bool include, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var targets = db.Verses.Where(v => ids.Contains(v.Id) && v.IncludeInTraining != include);
        if (!actor.IsAdmin)
            targets = targets.Where(v => v.AuthorId == actor.UserId);
        var now = clock.GetUtcNow();
        return await targets.ExecuteUpdateAsync(set => set
            .SetProperty(v => v.IncludeInTraining, include)
            .SetProperty(v => v.Revision, v => v.Revision + 1)
            .SetProperty(v => v.UpdatedAt, now), cancellationToken);
    }

    public async Task<CorpusStats> StatsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var totals = await db.Verses.GroupBy(_ => 1).Select(g => new
        {
            Verses = g.Count(),
            Included = g.Count(v => v.IncludeInTraining),
            Bars = g.Sum(v => v.Bars),
            IncludedBars = g.Sum(v => v.IncludeInTraining ? v.Bars : 0),
            Tokens = g.Sum(v => v.Tokens),
            IncludedTokens = g.Sum(v => v.IncludeInTraining ? v.Tokens : 0),
        }).SingleOrDefaultAsync(cancellationToken);
        return totals is null
            ? new CorpusStats(0, 0, 0, 0, 0, 0)
            : new CorpusStats(totals.Verses, totals.Included, totals.Bars, totals.IncludedBars, totals.Tokens, totals.IncludedTokens);
    }

    /// <summary>
    /// Changes whenever any verse is added, edited, deleted or restored (each write bumps a revision), so that
    /// caches built from the whole library know when to rebuild without reading it.
    /// </summary>
    public async Task<LibraryFingerprint> FingerprintAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stamp = await db.Verses.GroupBy(_ => 1)
            .Select(g => new LibraryFingerprint(g.Count(), g.Sum(v => (long)v.Revision), g.Max(v => v.Id)))
            .SingleOrDefaultAsync(cancellationToken);
        return stamp ?? new LibraryFingerprint(0, 0, 0);
    }

    /// <summary>Every tag in use, for the tag filter.</summary>
    public async Task<IReadOnlyList<string>> TagsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var columns = await db.Verses.Where(v => v.TagsText != "").Select(v => v.TagsText).Distinct().ToListAsync(cancellationToken);
        return columns.SelectMany(TagColumn.Split).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The texts matching a filter, oldest first, for export and the corpus lint report.</summary>
    public async Task<IReadOnlyList<Verse>> ListAsync(VerseQuery filter, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Verses.AsNoTracking().Filter(filter).OrderBy(v => v.Id).Select(VerseMapping.ToVerse).ToListAsync(cancellationToken);
    }

    /// <summary>Every live verse in training as it is now: what "Retrain now" freezes into a job's snapshot.</summary>
    public async Task<IReadOnlyList<SnapshotVerse>> LibrarySnapshotAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Verses.AsNoTracking()
            .Where(v => v.IncludeInTraining)
            .OrderBy(v => v.Id)
            .Select(v => new SnapshotVerse(v.Id, v.ContentHash, v.Prompt, v.Lyrics))
            .ToListAsync(cancellationToken);
    }

    private async Task<VerseWriteResult> SetDeletedAsync(int id, Actor actor, bool deleted, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entity = await db.Verses.IgnoreQueryFilters().SingleOrDefaultAsync(v => v.Id == id && (v.DeletedAt != null) != deleted, cancellationToken);
        if (entity is null)
            return VerseWriteResult.NotFound(id);
        if (!actor.CanEdit(entity.AuthorId))
            return VerseWriteResult.Forbidden();
        if (!deleted && await FindDuplicateAsync(db, entity.ContentHash, exceptId: id, cancellationToken) is { } existing)
            return VerseWriteResult.Duplicate(existing);

        entity.DeletedAt = deleted ? clock.GetUtcNow() : null;
        entity.Revision++;
        if (!await TrySaveUniqueAsync(db, cancellationToken))
            return await DuplicateAfterRaceAsync(entity.ContentHash, cancellationToken);
        var authorName = await db.Users.Where(u => u.Id == entity.AuthorId).Select(u => u.UserName).SingleOrDefaultAsync(cancellationToken);
        return VerseWriteResult.Ok(VerseMapping.ToModel(entity, authorName ?? ""));
    }

    private async Task<Verse> CurrentAsync(int id, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken) ?? throw new InvalidOperationException($"Verse {id} vanished while it was being saved.");

    private static Task<int?> FindDuplicateAsync(PortalDbContext db, string hash, int? exceptId, CancellationToken cancellationToken) =>
        db.Verses.Where(v => v.ContentHash == hash && v.Id != exceptId).Select(v => (int?)v.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>False when the unique index on live content hashes refused the write (a concurrent identical save).</summary>
    private static async Task<bool> TrySaveUniqueAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (SqliteErrors.IsUniqueViolation(ex))
        {
            return false;
        }
    }

    private async Task<VerseWriteResult> DuplicateAfterRaceAsync(string hash, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await FindDuplicateAsync(db, hash, exceptId: null, cancellationToken) is { } existing
            ? VerseWriteResult.Duplicate(existing)
            : VerseWriteResult.Invalid("The verse could not be saved because an identical one was being saved at the same moment. Try again.");
    }
}
