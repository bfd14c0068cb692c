using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Api;

public sealed class ImportFormatTests
{
    public static TheoryData<string, string, string> Files => new()
    {
        { "JSON array", Corpus.JsonArray(1, 2, 3), "json" },
        { "wrapped JSON", Corpus.Wrapped(1, 2, 3), "json" },
        { "JSON lines", Corpus.JsonLines(1, 2, 3), "jsonl" },
        { "plain text", Corpus.PlainText(1, 2, 3), "text" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task ImportAddsTheVersesOfEachFormatToTheLibrary(string kind, string file, string detectedFormat)
    {
        await using var portal = new PortalFactory();
        using var client = portal.CreateAdminClient();

        using var response = await client.ImportAsync(file);

        var report = await response.ReadReportAsync();
        Assert.Equal(detectedFormat, report.Format);
        Assert.Equal(3, report.TotalItems);
        Assert.Equal(3, report.Added);
        Assert.Empty(report.Errors);
        var verses = await client.ListVersesAsync();
        Assert.Equal([Corpus.Prompt(1), Corpus.Prompt(2), Corpus.Prompt(3)], verses.Select(v => v.Prompt).Order());
        Assert.All(verses, v => Assert.Equal(Corpus.Lyrics(int.Parse(v.Prompt.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture)), v.Lyrics));
        Assert.All(verses, v => Assert.Equal(4, v.Bars));
        Assert.All(verses, v => Assert.Equal(PortalFactory.AdminUser, v.Author));
        Assert.True(verses.All(v => v.Tags.SequenceEqual(["story"])), $"{kind}: every verse should keep its tag");
    }

    [Fact]
    public async Task ImportSkipsAndReportsExactDuplicates()
    {
        await using var portal = new PortalFactory();
        using var client = portal.CreateAdminClient();
        var existing = await client.AddVerseAsync(2);

        // Item 1 repeats the library's verse, item 3 repeats item 2 of the same file.
        using var response = await client.ImportAsync(Corpus.JsonArray(2, 3, 3));

        var report = await response.ReadReportAsync();
        Assert.Equal(1, report.Added);
        Assert.Equal(2, report.SkippedDuplicates);
        Assert.Contains(report.Duplicates, d => d.Item == 1 && d.ExistingVerseId == existing.Id);
        Assert.Contains(report.Duplicates, d => d.Item == 3 && d.ExistingVerseId is null);
        Assert.Equal([Corpus.Prompt(2), Corpus.Prompt(3)], (await client.ListVersesAsync()).Select(v => v.Prompt).Order());
    }
}
