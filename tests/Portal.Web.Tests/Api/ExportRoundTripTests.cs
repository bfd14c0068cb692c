using System.Net;
using System.Net.Http.Json;
using Portal.Web.Api;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Api;

public sealed class ExportRoundTripTests
{
    // Verses that stress each format: lines a text reader could take for markup, blank lines, quotes, other scripts.
    private static readonly object[] TrickyVerses =
    [
        new { prompt = "Battle verse with # hashes and {braces} in the lyrics", lyrics = "# not a prompt line\n{\"prompt\": \"not json\"}\n\\# already escaped\nfourth bar lands clean", tags = new[] { "battle", "edge" }, notes = "Two lines\nof notes" },
        new { prompt = "Reflective verse, café crème and naïve dreams — “quoted”", lyrics = "Straße und Ärger, 東京 at dawn\nTabs\tand \"quotes\" keep going on\n\nAfter the break the last bars play\nEmoji 🎤 carry the rest of the day" },
    ];

    [Theory]
    [InlineData("json")]
    [InlineData("jsonl")]
    [InlineData("text")]
    public async Task ExportThenImportIntoAFreshPortalKeepsEveryVerse(string format)
    {
        await using var source = new PortalFactory { Setup = new PortalSetup { SeedSampleVerses = true } };
        using var sourceClient = source.CreateAdminClient();
        foreach (var verse in TrickyVerses)
        {
            using var added = await sourceClient.PostAsJsonAsync("/api/verses", verse);
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }
        var original = await sourceClient.ListVersesAsync();
        Assert.Equal(10, original.Count);

        using var export = await sourceClient.GetAsync($"/api/verses/export?format={format}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var file = await export.Content.ReadAsByteArrayAsync();

        await using var target = new PortalFactory();
        using var targetClient = target.CreateAdminClient();
        using var import = await targetClient.ImportAsync(file);
        var report = await import.ReadReportAsync();
        Assert.Equal(format, report.Format);
        Assert.Equal(10, report.Added);

        var copied = await targetClient.ListVersesAsync();
        Assert.Equal(Snapshot(original), Snapshot(copied));
    }

    private static List<string> Snapshot(IEnumerable<VerseResponse> verses) =>
        verses.Select(v => $"{v.Prompt}\u0001{v.Lyrics}\u0001{string.Join(",", v.Tags)}\u0001{v.Notes}\u0001{v.Bars}")
            .Order(StringComparer.Ordinal)
            .ToList();
}
