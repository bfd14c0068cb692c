using Portal.Core.Verses;
using Portal.Data.Verses;

namespace Portal.Data.Tests;

public sealed class VerseStoreTests
{
    private static VerseText Text(string prompt, string lyrics, params string[] tags) => new(prompt, lyrics, tags);

    private const string FourBars = "line one of the verse\nline two keeps the rhyme\nline three turns it round\nline four lands in time";

    [Fact]
    public async Task AddedVerseIsStoredCleanedWithBarsAndTokens()
    {
        await using var database = await TestDatabase.CreateAsync();
        var writer = await database.AddUserAsync("ana");
        var store = database.Get<VerseStore>();

        var result = await store.AddAsync(Text("  Battle verse about chess  ", FourBars.Replace("\n", "\r\n") + "\r\n\r\n", "Battle", "battle", " Chess "), writer, includeInTraining: true);

        Assert.True(result.Succeeded, result.Message);
        var stored = await store.FindAsync(result.Verse!.Id);
        Assert.NotNull(stored);
        Assert.Equal("Battle verse about chess", stored.Text.Prompt);
        Assert.Equal(FourBars, stored.Text.Lyrics);
        Assert.Equal(["battle", "chess"], stored.Text.Tags);
        Assert.Equal(4, stored.Bars);
        Assert.True(stored.Tokens > 10);
        Assert.Equal("ana", stored.AuthorName);
        Assert.Equal(1, stored.Revision);
    }

    [Fact]
    public async Task AnExactDuplicateIsRefusedWithTheIdOfTheOriginal()
    {
        await using var database = await TestDatabase.CreateAsync();
        var writer = await database.AddUserAsync("ana");
        var store = database.Get<VerseStore>();
        var first = await store.AddAsync(Text("Storytelling about a bus", FourBars), writer, true);

        var second = await store.AddAsync(Text("Storytelling about a bus ", FourBars + "\n"), writer, true);

        Assert.Equal(VerseWriteStatus.Duplicate, second.Status);
        Assert.Equal(first.Verse!.Id, second.DuplicateOfId);
    }

    [Fact]
    public async Task SearchTagFilterSortAndPagingWorkTogether()
    {
        await using var database = await TestDatabase.CreateAsync();
        var writer = await database.AddUserAsync("ana");
        var store = database.Get<VerseStore>();
        for (var i = 0; i < 30; i++)
            await store.AddAsync(Text($"Prompt {i:D2} {(i % 3 == 0 ? "battle" : "story")}", $"{FourBars}\nextra bar {i}", i % 2 == 0 ? "even" : "odd"), writer, includeInTraining: i < 10);

        var page = await store.QueryAsync(new VerseQuery { Search = "battle", Tag = "even", Sort = VerseSort.Prompt, Descending = false, PageSize = 3, Page = 1 });

        // Battle prompts are multiples of 3; even ones among 0..29 are 0, 6, 12, 18, 24: page 1 of size 3 holds 18 and 24.
        Assert.Equal(5, page.Total);
        Assert.Equal(["Prompt 18 battle", "Prompt 24 battle"], page.Items.Select(v => v.Text.Prompt));
        var excluded = await store.QueryAsync(new VerseQuery { Training = TrainingFilter.Excluded, PageSize = 100 });
        Assert.Equal(20, excluded.Total);
    }

    [Fact]
    public async Task SearchTreatsPercentAndUnderscoreLiterally()
    {
        await using var database = await TestDatabase.CreateAsync();
        var writer = await database.AddUserAsync("ana");
        var store = database.Get<VerseStore>();
        await store.AddAsync(Text("Give it 100% every night", FourBars), writer, true);
        await store.AddAsync(Text("Give it all every night", FourBars + "\nmore"), writer, true);

        var page = await store.QueryAsync(new VerseQuery { Search = "100%" });

        Assert.Equal("Give it 100% every night", Assert.Single(page.Items).Text.Prompt);
    }

    [Fact]
    public async Task AWriterCannotEditOrDeleteAnotherWritersVerseButAnAdminCan()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ana = await database.AddUserAsync("ana");
        var ben = await database.AddUserAsync("ben");
        var admin = await database.AddUserAsync("root", admin: true);
        var store = database.Get<VerseStore>();
        var verse = (await store.AddAsync(Text("Ana's motivational verse", FourBars), ana, true)).Verse!;

        var benEdit = await store.UpdateAsync(verse.Id, Text("Ben took it", FourBars), true, verse.Revision, ben);
        var benDelete = await store.DeleteAsync(verse.Id, ben);
        var adminEdit = await store.UpdateAsync(verse.Id, Text("Admin fixed a typo", FourBars), true, verse.Revision, admin);

        Assert.Equal(VerseWriteStatus.Forbidden, benEdit.Status);
        Assert.Equal(VerseWriteStatus.Forbidden, benDelete.Status);
        Assert.True(adminEdit.Succeeded);
        Assert.Equal("Admin fixed a typo", (await store.FindAsync(verse.Id))!.Text.Prompt);
    }

    [Fact]
    public async Task ConcurrentEditsOfOneVerseKeepOneAndReportAConflictWithTheWinnersText()
    {
        await using var database = await TestDatabase.CreateAsync();
        var admin = await database.AddUserAsync("root", admin: true);
        var ana = await database.AddUserAsync("ana");
        var store = database.Get<VerseStore>();
        var verse = (await store.AddAsync(Text("Original prompt here", FourBars), ana, true)).Verse!;

        var results = await Task.WhenAll(
            store.UpdateAsync(verse.Id, Text("Ana's new prompt", FourBars), true, verse.Revision, ana),
            store.UpdateAsync(verse.Id, Text("Admin's new prompt", FourBars), true, verse.Revision, admin));

        var winner = Assert.Single(results, r => r.Succeeded);
        var loser = Assert.Single(results, r => !r.Succeeded);
        Assert.Equal(VerseWriteStatus.Conflict, loser.Status);
        Assert.Equal(winner.Verse!.Text.Prompt, loser.Verse!.Text.Prompt);
        Assert.Equal(2, (await store.FindAsync(verse.Id))!.Revision);
    }

    [Fact]
    public async Task ConcurrentEditsOfDifferentVersesAreAllKept()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ana = await database.AddUserAsync("ana");
        var ben = await database.AddUserAsync("ben");
        var store = database.Get<VerseStore>();
        var verses = new List<(Core.Access.Actor Author, Verse Verse)>();
        for (var i = 0; i < 10; i++)
        {
            var author = i % 2 == 0 ? ana : ben;
            verses.Add((author, (await store.AddAsync(Text($"Verse number {i} prompt", $"{FourBars}\nbar {i}"), author, true)).Verse!));
        }

        var results = await Task.WhenAll(verses.Select(v =>
            store.UpdateAsync(v.Verse.Id, Text($"Edited {v.Verse.Id} prompt", v.Verse.Text.Lyrics), true, v.Verse.Revision, v.Author)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        foreach (var (_, verse) in verses)
            Assert.Equal($"Edited {verse.Id} prompt", (await store.FindAsync(verse.Id))!.Text.Prompt);
    }

    [Fact]
    public async Task AnEditThatDoesNotMentionTheTrainingSwitchKeepsIt()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ana = await database.AddUserAsync("ana");
        var store = database.Get<VerseStore>();
        var verse = (await store.AddAsync(Text("Excluded while drafting", FourBars), ana, includeInTraining: false)).Verse!;

        var edited = await store.UpdateAsync(verse.Id, Text("Excluded while drafting, take two", FourBars), includeInTraining: null, verse.Revision, ana);

        Assert.True(edited.Succeeded, edited.Message);
        Assert.False((await store.FindAsync(verse.Id))!.IncludeInTraining);
    }

    [Fact]
    public async Task ADeletedVerseDisappearsAndUndoBringsItBackUnchanged()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ana = await database.AddUserAsync("ana");
        var store = database.Get<VerseStore>();
        var verse = (await store.AddAsync(Text("A verse to delete", FourBars, "story"), ana, true)).Verse!;

        Assert.True((await store.DeleteAsync(verse.Id, ana)).Succeeded);
        Assert.Null(await store.FindAsync(verse.Id));
        Assert.Equal(0, (await store.StatsAsync()).Verses);

        Assert.True((await store.RestoreAsync(verse.Id, ana)).Succeeded);
        var restored = await store.FindAsync(verse.Id);
        Assert.NotNull(restored);
        Assert.Equal(verse.Text.Lyrics, restored.Text.Lyrics);
        Assert.Equal(["story"], restored.Text.Tags);
    }

    [Fact]
    public async Task ADeletedVerseCanBeAddedAgainAndThenItsUndoIsRefusedAsADuplicate()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ana = await database.AddUserAsync("ana");
        var store = database.Get<VerseStore>();
        var verse = (await store.AddAsync(Text("A verse to delete", FourBars), ana, true)).Verse!;
        await store.DeleteAsync(verse.Id, ana);

        var again = await store.AddAsync(Text("A verse to delete", FourBars), ana, true);
        var undo = await store.RestoreAsync(verse.Id, ana);

        Assert.True(again.Succeeded);
        Assert.Equal(VerseWriteStatus.Duplicate, undo.Status);
    }

    [Fact]
    public async Task BulkExcludeChangesOnlyTheVersesTheWriterOwns()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ana = await database.AddUserAsync("ana");
        var ben = await database.AddUserAsync("ben");
        var store = database.Get<VerseStore>();
        var anas = (await store.AddAsync(Text("Ana verse prompt", FourBars), ana, true)).Verse!;
        var bens = (await store.AddAsync(Text("Ben verse prompt", FourBars + "\nx"), ben, true)).Verse!;

        var changed = await store.SetIncludedAsync([anas.Id, bens.Id], include: false, ana);

        Assert.Equal(1, changed);
        Assert.False((await store.FindAsync(anas.Id))!.IncludeInTraining);
        Assert.True((await store.FindAsync(bens.Id))!.IncludeInTraining);
        var stats = await store.StatsAsync();
        Assert.Equal((2, 1), (stats.Verses, stats.Included));
    }

    [Fact]
    public async Task TagsListsEveryTagInUseOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ana = await database.AddUserAsync("ana");
        var store = database.Get<VerseStore>();
        await store.AddAsync(Text("First prompt text", FourBars, "battle", "chess"), ana, true);
        await store.AddAsync(Text("Second prompt text", FourBars + "\ny", "battle", "story"), ana, true);

        Assert.Equal(["battle", "chess", "story"], await store.TagsAsync());
    }

    [Fact]
    public async Task TheLibraryFingerprintChangesAfterEveryKindOfWrite()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ana = await database.AddUserAsync("ana");
        var store = database.Get<VerseStore>();
        await store.AddAsync(Text("A verse that stays put", FourBars + "\nstays"), ana, true);
        var previous = await store.FingerprintAsync();
        async Task AssertChanged(string after)
        {
            var current = await store.FingerprintAsync();
            Assert.True(current != previous, $"The fingerprint did not change after: {after}");
            previous = current;
        }

        var verse = (await store.AddAsync(Text("Fingerprint prompt one", FourBars), ana, true)).Verse!;
        await AssertChanged("add");
        verse = (await store.UpdateAsync(verse.Id, Text("Fingerprint prompt two", FourBars), true, verse.Revision, ana)).Verse!;
        await AssertChanged("edit");
        await store.DeleteAsync(verse.Id, ana);
        await AssertChanged("delete");
        await store.AddAsync(Text("Fingerprint prompt three", FourBars), ana, true);
        await AssertChanged("add after a delete");
        await store.RestoreAsync(verse.Id, ana);
        await AssertChanged("undo of a delete");
    }
}
