using Microsoft.EntityFrameworkCore;
using Portal.Core.Access;
using Portal.Core.Text;
using Portal.Core.Verses;
using Portal.Data.Entities;

namespace Portal.Data.Verses;

/// <summary>
/// Stores an import in one transaction: a crash mid-import leaves all of it or none of it. Exact duplicates, of the
/// library or of an earlier item in the same file, are skipped and reported rather than failing the import.
/// </summary>
public sealed class VerseImportStore(IDbContextFactory<PortalDbContext> contexts, ITokenCounter tokens, TimeProvider clock)
{
    private const int HashLookupChunk = 500;

    public async Task<VerseImportOutcome> ImportAsync(IReadOnlyList<(int ItemNumber, VerseText Text)> items, Actor author, bool includeInTraining, CancellationToken cancellationToken = default)
    {
        var prepared = items.Select(item => (item.ItemNumber, Verse: PreparedVerse.From(item.Text, tokens))).ToList();

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = await ExistingHashesAsync(db, prepared.Select(p => p.Verse.ContentHash).Distinct().ToList(), cancellationToken);

        var now = clock.GetUtcNow();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = new List<SkippedDuplicate>();
        var added = new List<VerseEntity>();
        foreach (var (itemNumber, verse) in prepared)
        {
            if (existing.TryGetValue(verse.ContentHash, out var existingId))
            {
                duplicates.Add(new SkippedDuplicate(itemNumber, existingId));
                continue;
            }
            if (!seen.Add(verse.ContentHash))
            {
                duplicates.Add(new SkippedDuplicate(itemNumber, null));
                continue;
            }
            added.Add(verse.ToNewEntity(author.UserId, includeInTraining, now));
        }

        db.Verses.AddRange(added);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new VerseImportOutcome(added.Select(v => v.Id).ToList(), duplicates);
    }

    private static async Task<Dictionary<string, int>> ExistingHashesAsync(PortalDbContext db, IReadOnlyList<string> hashes, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var chunk in hashes.Chunk(HashLookupChunk))
        {
            var rows = await db.Verses.Where(v => chunk.Contains(v.ContentHash))
                .Select(v => new { v.ContentHash, v.Id })
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
                found.TryAdd(row.ContentHash, row.Id);
        }
        return found;
    }
}
