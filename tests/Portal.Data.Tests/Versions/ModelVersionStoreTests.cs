using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Training;
using Portal.Core.Versions;
using Portal.Data.Entities;
using Portal.Data.Versions;

namespace Portal.Data.Tests.Versions;

public sealed class ModelVersionStoreTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static ModelVersion Version(int number, long jobId = 7) => new()
    {
        Number = number,
        CreatedAt = Noon.AddHours(number),
        PromotedById = "user-1",
        PromotedByName = "ana",
        JobId = jobId,
        Note = $"note {number}",
        DatasetHash = new string('d', 64),
        VerseCount = 40 + number,
        ValidationLoss = 2.5,
        CommitSha = new string('c', 40),
        PushState = PushState.Committed,
    };

    [Fact]
    public async Task AnAddedVersionIsFoundWithEveryFieldItWasGiven()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = database.Get<IModelVersionStore>();
        var version = Version(1) with { RollbackOf = null, Overridden = true, PushError = null };

        var added = await store.AddAsync(version);
        var found = await store.FindAsync(1);

        Assert.NotNull(found);
        Assert.Equal(version.Number, found.Number);
        Assert.Equal("v1", found.Tag);
        Assert.Equal(version.CreatedAt, found.CreatedAt);
        Assert.Equal("ana", found.PromotedByName);
        Assert.Equal("user-1", found.PromotedById);
        Assert.Equal(7, found.JobId);
        Assert.Equal("note 1", found.Note);
        Assert.Equal(41, found.VerseCount);
        Assert.Equal(2.5, found.ValidationLoss);
        Assert.True(found.Overridden);
        Assert.Equal(version.CommitSha, found.CommitSha);
        Assert.Equal(PushState.Committed, found.PushState);
        Assert.Equal(found.CommitSha, added.CommitSha);
        Assert.Null(await store.FindAsync(2));
    }

    [Fact]
    public async Task VersionsAreListedNewestFirstAndTheLatestIsTheHighestNumber()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = database.Get<IModelVersionStore>();
        Assert.Null(await store.LatestAsync());

        await store.AddAsync(Version(2));
        await store.AddAsync(Version(1));
        await store.AddAsync(Version(3) with { RollbackOf = 1 });

        Assert.Equal([3, 2, 1], (await store.ListAsync()).Select(v => v.Number));
        var latest = await store.LatestAsync();
        Assert.Equal(3, latest?.Number);
        Assert.Equal(1, latest?.RollbackOf);
    }

    [Fact]
    public async Task ANumberAlreadyRecordedIsRefusedAndTheFirstRecordIsKept()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = database.Get<IModelVersionStore>();
        await store.AddAsync(Version(4));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.AddAsync(Version(4) with { Note = "second" }));

        Assert.Contains("v4", error.Message);
        Assert.Equal("note 4", (await store.FindAsync(4))?.Note);
        Assert.Single(await store.ListAsync());
    }

    [Fact]
    public async Task TheDatabaseItselfRefusesASecondRowWithTheSameNumber()
    {
        // The store checks first; the unique index is what still holds when two processes share the file.
        await using var database = await TestDatabase.CreateAsync();
        await database.Get<IModelVersionStore>().AddAsync(Version(1));
        await using var db = await database.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        db.ModelVersions.Add(new ModelVersionEntity
        {
            Number = 1,
            PromotedById = "user-2",
            PromotedByName = "ben",
            Note = "",
            DatasetHash = "d",
            ChecklistJson = "[]",
            CommitSha = "c",
        });

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.IsType<SqliteException>(error.InnerException);
    }

    [Fact]
    public async Task APushUpdateIsPersistedAndSeenByAFreshContext()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = database.Get<IModelVersionStore>();
        await store.AddAsync(Version(1));
        var pushedAt = Noon.AddMinutes(5);
        var newSha = new string('e', 40);

        var failed = await store.UpdatePushAsync(1, newSha, PushState.Committed, "The remote refused the push: check the token.", null);
        Assert.Equal("The remote refused the push: check the token.", failed?.PushError);

        var pushed = await store.UpdatePushAsync(1, newSha, PushState.Pushed, null, pushedAt);

        Assert.Equal(PushState.Pushed, pushed?.PushState);
        await using var db = await database.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var row = await db.ModelVersions.AsNoTracking().SingleAsync(v => v.Number == 1);
        Assert.Equal(newSha, row.CommitSha);
        Assert.Equal(PushState.Pushed, row.PushState);
        Assert.Null(row.PushError);
        Assert.Equal(pushedAt, row.PushedAt);
        Assert.Equal(pushedAt, (await store.FindAsync(1))?.PushedAt);
    }

    [Fact]
    public async Task UpdatingThePushOfAMissingVersionReturnsNull()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = database.Get<IModelVersionStore>();

        Assert.Null(await store.UpdatePushAsync(9, new string('e', 40), PushState.Pushed, null, Noon));
        Assert.Empty(await store.ListAsync());
    }

    [Fact]
    public async Task ForJobListsOnlyThatJobsVersionsNewestFirst()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = database.Get<IModelVersionStore>();
        await store.AddAsync(Version(1, jobId: 10));
        await store.AddAsync(Version(2, jobId: 11));
        await store.AddAsync(Version(3, jobId: 10) with { RollbackOf = 1 });

        Assert.Equal([3, 1], (await store.ForJobAsync(10)).Select(v => v.Number));
        Assert.Equal([2], (await store.ForJobAsync(11)).Select(v => v.Number));
        Assert.Empty(await store.ForJobAsync(12));
    }

    [Fact]
    public async Task TheChecklistRoundTripsWithPassFailAndNotApplicableItems()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = database.Get<IModelVersionStore>();
        IReadOnlyList<ChecklistItem> checklist =
        [
            new(RetrainChecklist.LossDropped, "Loss dropped by at least 0.3", true, "3.200 → 2.100 (−1.100, validation verses)"),
            new(RetrainChecklist.NoForgetting, "No forgetting", false, "1.000 → 1.200 (+20.0% on 12 verses)"),
            new(RetrainChecklist.ProbesSound, "Probes sound", null, "no probe prompts"),
        ];

        await store.AddAsync(Version(1) with { Checklist = checklist });

        var found = await store.FindAsync(1);
        Assert.Equal(checklist, found?.Checklist);
    }

    [Fact]
    public async Task AVersionAddedWithoutADateIsStampedWithTheClock()
    {
        await using var database = await TestDatabase.CreateAsync();
        var before = DateTimeOffset.UtcNow;

        var added = await database.Get<IModelVersionStore>().AddAsync(Version(1) with { CreatedAt = default });

        Assert.InRange(added.CreatedAt, before, DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task TheInterfaceAndTheStoreAreOneInstance()
    {
        await using var database = await TestDatabase.CreateAsync();

        Assert.Same(database.Get<ModelVersionStore>(), database.Get<IModelVersionStore>());
    }

    [Fact]
    public async Task TheMigrationCreatesTheVersionsTable()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var connection = new SqliteConnection($"Data Source={database.Path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'ModelVersions'";

        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }
}
