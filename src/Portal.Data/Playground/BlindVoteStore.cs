using Microsoft.EntityFrameworkCore;
using Portal.Core.Playground;
using Portal.Data.Entities;
using Portal.Data.Sqlite;

namespace Portal.Data.Playground;

/// <summary>
/// Blind votes and their tallies. A job counts once per vote, however many of the vote's models it trained (a
/// version and the candidate it was promoted from are one model), and wins that vote if any of them was picked.
/// </summary>
public sealed class BlindVoteStore(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock) : IBlindVoteStore
{
    public async Task<bool> AddAsync(NewBlindVote vote, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vote);
        ArgumentException.ThrowIfNullOrWhiteSpace(vote.UserId, nameof(vote));
        if (vote.Prompt is null || vote.Entries is null || vote.Entries.Any(e => e is null))
            throw new ArgumentException("A vote has a prompt and its entries.", nameof(vote));
        if (vote.Entries.Count < 2)
            throw new ArgumentException("A blind comparison needs two models or more.", nameof(vote));

        var row = new BlindVoteEntity
        {
            UserId = vote.UserId,
            RunId = vote.RunId,
            CreatedAt = clock.GetUtcNow(),
            Prompt = vote.Prompt,
            Seed = vote.Seed,
            Entries = [.. vote.Entries.Select(e => new BlindVoteEntryEntity { Model = e.Model.ToString(), JobId = e.JobId, Won = e.Won })],
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.BlindVotes.Add(row);
        try
        {
            // One SaveChanges is one transaction: the vote and its entries are stored together or not at all.
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (SqliteErrors.IsUniqueViolation(e))
        {
            // The unique index on RunId, not a prior lookup, decides: two votes racing for one run cannot both land.
            return false;
        }
    }

    public async Task<IReadOnlyDictionary<long, VoteTally>> TallyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.BlindVoteEntries
            .GroupBy(e => e.JobId)
            .Select(g => new
            {
                JobId = g.Key,
                Contests = g.Select(e => e.VoteId).Distinct().Count(),
                Wins = g.Where(e => e.Won).Select(e => e.VoteId).Distinct().Count(),
            })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.JobId, r => new VoteTally(r.Contests, r.Wins));
    }

    public async Task<HeadToHead> HeadToHeadAsync(long firstJobId, long secondJobId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var contests = await db.BlindVotes
            .Where(v => v.Entries.Any(e => e.JobId == firstJobId) && v.Entries.Any(e => e.JobId == secondJobId))
            .Select(v => new
            {
                First = v.Entries.Any(e => e.JobId == firstJobId && e.Won),
                Second = v.Entries.Any(e => e.JobId == secondJobId && e.Won),
            })
            .ToListAsync(cancellationToken);
        return new HeadToHead(contests.Count, contests.Count(c => c.First), contests.Count(c => c.Second));
    }
}
