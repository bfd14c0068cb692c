using Microsoft.Data.Sqlite;
using Portal.Core.Playground;

namespace Portal.Data.Tests.Playground;

public sealed class BlindVoteStoreTests
{
    private static VoteEntry Entry(long jobId, bool won) => new(ModelChoice.ForCandidate(jobId), jobId, won);

    private static NewBlindVote Vote(long runId, params VoteEntry[] entries) => new("user-1", runId, "A verse about the sea", Seed: 1234, entries);

    [Fact]
    public async Task ASecondVoteOnTheSameRunIsRefusedAndChangesNoTally()
    {
        await using var database = await TestDatabase.CreateAsync();
        var votes = database.Get<IBlindVoteStore>();

        Assert.True(await votes.AddAsync(Vote(1, Entry(5, won: true), Entry(6, won: false))));
        Assert.False(await votes.AddAsync(Vote(1, Entry(5, won: false), Entry(6, won: true), Entry(7, won: false))));

        var tally = await votes.TallyAsync();
        Assert.Equal(new VoteTally(1, 1), tally[5]);
        Assert.Equal(new VoteTally(1, 0), tally[6]);
        Assert.False(tally.ContainsKey(7));
        Assert.Equal(2L, await CountAsync(database, "BlindVoteEntries"));
        Assert.Equal(1L, await CountAsync(database, "BlindVotes"));
    }

    [Fact]
    public async Task TwoVotesOnOneRunAtOnceCountOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        var votes = database.Get<IBlindVoteStore>();

        var results = await Task.WhenAll(
            votes.AddAsync(Vote(1, Entry(5, won: true), Entry(6, won: false))),
            votes.AddAsync(Vote(1, Entry(5, won: false), Entry(6, won: true))));

        Assert.Single(results, added => added);
        Assert.Equal(1, (await votes.TallyAsync())[5].Contests);
    }

    [Fact]
    public async Task TalliesCountEachJobsContestsAndWins()
    {
        await using var database = await TestDatabase.CreateAsync();
        var votes = database.Get<IBlindVoteStore>();
        await votes.AddAsync(Vote(1, Entry(5, won: true), Entry(6, won: false)));
        await votes.AddAsync(Vote(2, Entry(5, won: true), Entry(6, won: false), Entry(7, won: false)));
        await votes.AddAsync(Vote(3, Entry(6, won: false), Entry(7, won: true)));

        var tally = await votes.TallyAsync();

        Assert.Equal(3, tally.Count);
        Assert.Equal(new VoteTally(Contests: 2, Wins: 2), tally[5]);
        Assert.Equal(new VoteTally(Contests: 3, Wins: 0), tally[6]);
        Assert.Equal(new VoteTally(Contests: 2, Wins: 1), tally[7]);
    }

    [Fact]
    public async Task NoVotesMeansNoTallies()
    {
        await using var database = await TestDatabase.CreateAsync();
        var votes = database.Get<IBlindVoteStore>();

        Assert.Empty(await votes.TallyAsync());
        Assert.Equal(new HeadToHead(0, 0, 0), await votes.HeadToHeadAsync(5, 6));
    }

    [Fact]
    public async Task AVersionAndTheCandidateItCameFromAreOneModelInATally()
    {
        await using var database = await TestDatabase.CreateAsync();
        var votes = database.Get<IBlindVoteStore>();
        // v2 was promoted from job 5: picking either is picking job 5's model, once.
        VoteEntry[] entries = [new(ModelChoice.ForVersion(2), 5, Won: true), new(ModelChoice.ForCandidate(5), 5, Won: false), Entry(6, won: false)];

        await votes.AddAsync(Vote(1, entries));

        var tally = await votes.TallyAsync();
        Assert.Equal(new VoteTally(1, 1), tally[5]);
        Assert.Equal(new VoteTally(1, 0), tally[6]);
    }

    [Fact]
    public async Task HeadToHeadCountsOnlyVotesWhereBothJobsTookPart()
    {
        await using var database = await TestDatabase.CreateAsync();
        var votes = database.Get<IBlindVoteStore>();
        await votes.AddAsync(Vote(1, Entry(5, won: true), Entry(6, won: false)));
        await votes.AddAsync(Vote(2, Entry(5, won: false), Entry(6, won: true)));
        await votes.AddAsync(Vote(3, Entry(5, won: true), Entry(6, won: false)));
        await votes.AddAsync(Vote(4, Entry(5, won: false), Entry(6, won: false), Entry(7, won: true)));
        await votes.AddAsync(Vote(5, Entry(5, won: true), Entry(7, won: false)));
        await votes.AddAsync(Vote(6, Entry(6, won: true), Entry(7, won: false)));

        Assert.Equal(new HeadToHead(Contests: 4, FirstWins: 2, SecondWins: 1), await votes.HeadToHeadAsync(5, 6));
        Assert.Equal(new HeadToHead(Contests: 4, FirstWins: 1, SecondWins: 2), await votes.HeadToHeadAsync(6, 5));
        Assert.Equal(new HeadToHead(Contests: 2, FirstWins: 1, SecondWins: 1), await votes.HeadToHeadAsync(7, 5));
        Assert.Equal(new HeadToHead(0, 0, 0), await votes.HeadToHeadAsync(5, 8));
    }

    [Fact]
    public async Task AVoteOutlivesItsRunLeavingTheHistory()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ana = await database.AddUserAsync("ana");
        var history = database.Get<IGenerationHistoryStore>();
        var votes = database.Get<IBlindVoteStore>();
        var settings = new SamplingSettings(60, 0.9, null, null, 1.0, 7, []);
        var run = await history.AddAsync(ana.UserId, new NewGeneration("prompt", settings, []), keep: 1);
        await votes.AddAsync(new NewBlindVote(ana.UserId, run.Id, "prompt", 7, [Entry(5, won: true), Entry(6, won: false)]));

        await history.AddAsync(ana.UserId, new NewGeneration("next", settings, []), keep: 1);

        Assert.Null(await history.FindAsync(ana.UserId, run.Id));
        Assert.Equal(new VoteTally(1, 1), (await votes.TallyAsync())[5]);
        Assert.False(await votes.AddAsync(new NewBlindVote(ana.UserId, run.Id, "prompt", 7, [Entry(5, won: false), Entry(6, won: true)])));
    }

    [Fact]
    public async Task AVoteWithFewerThanTwoModelsIsRefused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var votes = database.Get<IBlindVoteStore>();

        await Assert.ThrowsAsync<ArgumentException>(() => votes.AddAsync(Vote(1, Entry(5, won: true))));
        Assert.Empty(await votes.TallyAsync());
    }

    private static async Task<long> CountAsync(TestDatabase database, string table)
    {
        await using var connection = new SqliteConnection($"Data Source={database.Path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
