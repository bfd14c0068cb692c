using System.Net;
using System.Text.Json;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Api;

public sealed class ImportRejectionTests
{
    // Item 2 has no lyrics; items 1 and 3 are fine.
    private static readonly string FileWithOneBadItem = JsonSerializer.Serialize(new object[]
    {
        new { prompt = Corpus.Prompt(1), lyrics = Corpus.Lyrics(1) },
        new { prompt = Corpus.Prompt(2) },
        new { prompt = Corpus.Prompt(3), lyrics = Corpus.Lyrics(3) },
    });

    [Fact]
    public async Task AFileWithOneBadItemImportsNothingAndNamesTheItemAndReason()
    {
        await using var portal = new PortalFactory();
        using var client = portal.CreateAdminClient();
        await client.AddVerseAsync(9);

        using var response = await client.ImportAsync(FileWithOneBadItem);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Contains("nothing was imported", problem.GetProperty("title").GetString(), StringComparison.OrdinalIgnoreCase);
        var errors = problem.GetProperty("report").GetProperty("errors").EnumerateArray().ToList();
        var error = Assert.Single(errors);
        Assert.Equal(2, error.GetProperty("number").GetInt32());
        Assert.Contains("lyrics", error.GetProperty("reason").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, problem.GetProperty("report").GetProperty("added").GetInt32());
        Assert.Equal(1, await client.CountVersesAsync());
    }

    [Fact]
    public async Task ValidOnlyModeImportsTheGoodItemsAndReportsTheBadOne()
    {
        await using var portal = new PortalFactory();
        using var client = portal.CreateAdminClient();

        using var response = await client.ImportAsync(FileWithOneBadItem, "?mode=valid-only");

        var report = await response.ReadReportAsync();
        Assert.Equal(2, report.Added);
        Assert.Equal(2, Assert.Single(report.Errors).Number);
        Assert.Equal([Corpus.Prompt(1), Corpus.Prompt(3)], (await client.ListVersesAsync()).Select(v => v.Prompt).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AnUnknownImportModeIsRefusedBeforeReadingTheFile()
    {
        await using var portal = new PortalFactory();
        using var client = portal.CreateAdminClient();

        using var response = await client.ImportAsync(Corpus.JsonArray(1), "?mode=whatever");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("valid-only", (await response.ReadProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await client.CountVersesAsync());
    }
}
