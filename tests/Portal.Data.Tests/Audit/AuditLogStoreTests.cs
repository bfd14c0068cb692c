using Microsoft.Data.Sqlite;
using Portal.Core.Audit;
using Portal.Data.Audit;

namespace Portal.Data.Tests.Audit;

public sealed class AuditLogStoreTests
{
    [Fact]
    public async Task AnAppendedEntryComesBackWithEveryField()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = database.Get<AuditLogStore>();
        var before = DateTimeOffset.UtcNow;

        var added = await store.AppendAsync(new AuditRecord("user-1", "ana", AuditAction.VersesImported, "12 verses", "JSON file, 14 items, 2 duplicates skipped"));
        var page = await store.QueryAsync(new AuditQuery());

        var entry = Assert.Single(page.Items);
        Assert.Equal(1, page.Total);
        Assert.Equal(added, entry);
        Assert.Equal(("user-1", "ana", AuditAction.VersesImported, "12 verses", "JSON file, 14 items, 2 duplicates skipped"),
            (entry.ActorId, entry.ActorName, entry.Action, entry.Target, entry.Detail));
        Assert.InRange(entry.At, before, DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task PagesListTheNewestFirstAndTogetherHoldEveryEntryOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = database.Get<AuditLogStore>();
        for (var i = 1; i <= 7; i++)
            await store.AppendAsync(new AuditRecord("user-1", "ana", AuditAction.VerseDeleted, $"verse #{i}"));

        var pages = new[]
        {
            await store.QueryAsync(new AuditQuery { Page = 0, PageSize = 3 }),
            await store.QueryAsync(new AuditQuery { Page = 1, PageSize = 3 }),
            await store.QueryAsync(new AuditQuery { Page = 2, PageSize = 3 }),
        };

        Assert.All(pages, page => Assert.Equal(7, page.Total));
        Assert.Equal([3, 3, 1], pages.Select(p => p.Items.Count));
        Assert.Equal(Enumerable.Range(1, 7).Reverse().Select(i => $"verse #{i}"), pages.SelectMany(p => p.Items).Select(e => e.Target));
        Assert.Empty((await store.QueryAsync(new AuditQuery { Page = 3, PageSize = 3 })).Items);
    }

    [Fact]
    public async Task FiltersKeepOnlyTheActorAskedForTheActionAskedForOrBoth()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = database.Get<AuditLogStore>();
        await store.AppendAsync(new AuditRecord("a", "ana", AuditAction.VerseDeleted, "verse #1"));
        await store.AppendAsync(new AuditRecord("b", "bob_smith", AuditAction.VerseDeleted, "verse #2"));
        await store.AppendAsync(new AuditRecord("a", "ana", AuditAction.TrainingQueued, "job 1"));
        await store.AppendAsync(new AuditRecord("c", "bobby", AuditAction.VersionPromoted, "v1"));

        var byActor = await store.QueryAsync(new AuditQuery { Actor = "ANA" });
        var byAction = await store.QueryAsync(new AuditQuery { Action = AuditAction.VerseDeleted });
        var both = await store.QueryAsync(new AuditQuery { Actor = "bob", Action = AuditAction.VerseDeleted });
        // "_" is a LIKE wildcard: a name with one in it is matched literally.
        var literal = await store.QueryAsync(new AuditQuery { Actor = "b_b" });

        Assert.Equal(["job 1", "verse #1"], byActor.Items.Select(e => e.Target));
        Assert.Equal(2, byActor.Total);
        Assert.Equal(["verse #2", "verse #1"], byAction.Items.Select(e => e.Target));
        Assert.Equal(["verse #2"], both.Items.Select(e => e.Target));
        Assert.Equal(1, both.Total);
        Assert.Empty(literal.Items);
    }

    [Fact]
    public async Task TheDatabaseRefusesToChangeOrRemoveAnEntry()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = database.Get<AuditLogStore>();
        await store.AppendAsync(new AuditRecord("a", "ana", AuditAction.VersionRolledBack, "v3"));
        await using var connection = new SqliteConnection($"Data Source={database.Path}");
        await connection.OpenAsync();

        var update = await Assert.ThrowsAsync<SqliteException>(() => Execute(connection, "UPDATE AuditEntries SET ActorName = 'mallory'"));
        var delete = await Assert.ThrowsAsync<SqliteException>(() => Execute(connection, "DELETE FROM AuditEntries"));

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        var entry = Assert.Single((await store.QueryAsync(new AuditQuery())).Items);
        Assert.Equal(("ana", "v3"), (entry.ActorName, entry.Target));
    }

    [Fact]
    public async Task ATooLongTargetOrDetailIsShortenedRatherThanRefused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = database.Get<AuditLogStore>();

        var entry = await store.AppendAsync(new AuditRecord("a", "ana", AuditAction.ApiTokenCreated, new string('t', 5000), new string('d', 5000)));

        Assert.Equal(AuditRecord.MaxTargetLength, entry.Target.Length);
        Assert.Equal(AuditRecord.MaxDetailLength, entry.Detail.Length);
        Assert.EndsWith("…", entry.Detail, StringComparison.Ordinal);
        Assert.Equal(entry, Assert.Single((await store.QueryAsync(new AuditQuery())).Items));
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
