using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Api;

public sealed class ImportFormatTests
{
    [Theory]
    [InlineData("JSON array", "json")]
    [InlineData("wrapped JSON", "json")]
    [InlineData("JSON lines", "jsonl")]
    [InlineData("plain text", "text")]
    public async Task ImportAddsTheVersesOfEachFormatToTheLibrary(string kind, string detectedFormat)
    {
        await using var portal = new PortalFactory();
        using var client = portal.CreateAdminClient();
        var file = kind switch
        {
            "JSON array" => Corpus.JsonArray(1, 2, 3),
            "wrapped JSON" => Corpus.Wrapped(1, 2, 3),
            "JSON lines" => Corpus.JsonLines(1, 2, 3),
            _ => Corpus.PlainText(1, 2, 3),
        };

        using var response = await client.ImportAsync(file);

        var report = await response.ReadReportAsync();
        Assert.Equal(detectedFormat, report.Format);
        Assert.Equal(3, report.TotalItems);
        Assert.Equal(3, report.Added);
        Assert.Empty(report.Errors);
        var verses = (await client.ListVersesAsync()).OrderBy(v => v.Prompt, StringComparer.Ordinal).ToList();
        Assert.Equal([1, 2, 3], verses.Select(v => Corpus.NumberOf(v.Prompt)));
        Assert.All(verses, v => Assert.Equal(Corpus.Lyrics(Corpus.NumberOf(v.Prompt)), v.Lyrics));
        Assert.All(verses, v => Assert.Equal(4, v.Bars));
        Assert.All(verses, v => Assert.Equal(PortalFactory.AdminUser, v.Author));
        Assert.All(verses, v => Assert.Equal(["story"], v.Tags));
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
        Assert.Equal([Corpus.Prompt(2), Corpus.Prompt(3)], (await client.ListVersesAsync()).Select(v => v.Prompt).Order(StringComparer.Ordinal));
    }
}
