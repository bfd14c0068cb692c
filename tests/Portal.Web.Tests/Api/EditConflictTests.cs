using System.Net;
using System.Net.Http.Json;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Api;

public sealed class EditConflictTests
{
    [Fact]
    public async Task SavingAStaleRevisionAnswers409WithTheCurrentVerse()
    {
        await using var portal = new PortalFactory();
        using var client = portal.CreateAdminClient();
        var opened = await client.AddVerseAsync(1);
        using (var first = await client.PutVerseAsync(opened.Id, Corpus.Prompt(2), Corpus.Lyrics(2), opened.Revision))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        // A second editor who opened revision 1 saves over it.
        using var stale = await client.PutVerseAsync(opened.Id, Corpus.Prompt(3), Corpus.Lyrics(3), opened.Revision);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var current = (await stale.ReadProblemAsync()).GetProperty("current");
        Assert.Equal(opened.Id, current.GetProperty("id").GetInt32());
        Assert.Equal(Corpus.Prompt(2), current.GetProperty("prompt").GetString());
        Assert.Equal(opened.Revision + 1, current.GetProperty("revision").GetInt32());
        Assert.Equal(Corpus.Prompt(2), Assert.Single(await client.ListVersesAsync()).Prompt);
    }

    [Fact]
    public async Task APutWithoutARevisionIsRefused()
    {
        await using var portal = new PortalFactory();
        using var client = portal.CreateAdminClient();
        var verse = await client.AddVerseAsync(1);

        using var response = await client.PutAsync($"/api/verses/{verse.Id}",
            JsonContent.Create(new { prompt = Corpus.Prompt(2), lyrics = Corpus.Lyrics(2) }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("revision", (await response.ReadProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(Corpus.Prompt(1), Assert.Single(await client.ListVersesAsync()).Prompt);
    }
}
