using Portal.Core.Verses;
using Portal.Data.Verses;

namespace Portal.Data.Tests;

public sealed class VerseImportStoreTests
{
    private const string Lyrics = "first bar of it\nsecond bar of it\nthird bar of it\nfourth bar of it";

    [Fact]
    public async Task ImportSkipsDuplicatesOfTheLibraryAndOfEarlierItemsAndReportsThem()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ana = await database.AddUserAsync("ana");
        var existing = (await database.Get<VerseStore>().AddAsync(new VerseText("Already here prompt", Lyrics, []), ana, true)).Verse!;
        var items = new List<(int, VerseText)>
        {
            (1, new VerseText("Already here prompt", Lyrics, [])),
            (2, new VerseText("A new prompt for import", Lyrics, [])),
            (3, new VerseText("A new prompt for import", Lyrics + "\n", [])),
            (4, new VerseText("Another new prompt", Lyrics, ["story"])),
        };

        var outcome = await database.Get<VerseImportStore>().ImportAsync(items, ana, includeInTraining: true);

        Assert.Equal(2, outcome.AddedIds.Count);
        Assert.Equal([new SkippedDuplicate(1, existing.Id), new SkippedDuplicate(3, null)], outcome.Duplicates);
        Assert.Equal(3, (await database.Get<VerseStore>().StatsAsync()).Verses);
    }

    [Fact]
    public async Task ALargeImportIsStoredInOneGo()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ana = await database.AddUserAsync("ana");
        var items = Enumerable.Range(1, 2_000).Select(i => (i, new VerseText($"Prompt number {i}", $"{Lyrics}\nbar {i}", ["bulk"]))).ToList();

        var outcome = await database.Get<VerseImportStore>().ImportAsync(items, ana, includeInTraining: false);

        Assert.Equal(2_000, outcome.AddedIds.Count);
        var stats = await database.Get<VerseStore>().StatsAsync();
        Assert.Equal((2_000, 0, 10_000), (stats.Verses, stats.Included, stats.Bars));
    }
}
