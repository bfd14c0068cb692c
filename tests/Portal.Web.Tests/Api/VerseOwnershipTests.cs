using System.Net;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Api;

/// <summary>Writers change only their own verses; admins change everyone's.</summary>
public sealed class VerseOwnershipTests
{
    [Fact]
    public async Task AWriterCannotChangeOrDeleteAnotherWritersVerse()
    {
        await using var portal = new PortalFactory();
        using var ana = portal.CreateBearerClient((await portal.CreateWriterAsync("ana")).Token);
        using var ben = portal.CreateBearerClient((await portal.CreateWriterAsync("ben")).Token);
        var verse = await ana.AddVerseAsync(1);

        using var put = await ben.PutVerseAsync(verse.Id, Corpus.Prompt(2), Corpus.Lyrics(2), verse.Revision);
        using var delete = await ben.DeleteAsync($"/api/verses/{verse.Id}");

        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        var stored = Assert.Single(await ana.ListVersesAsync());
        Assert.Equal(Corpus.Prompt(1), stored.Prompt);
        Assert.Equal(verse.Revision, stored.Revision);
    }

    [Fact]
    public async Task AWriterCanChangeAndDeleteTheirOwnVerse()
    {
        await using var portal = new PortalFactory();
        using var ana = portal.CreateBearerClient((await portal.CreateWriterAsync("ana")).Token);
        var verse = await ana.AddVerseAsync(1);

        using var put = await ana.PutVerseAsync(verse.Id, Corpus.Prompt(2), Corpus.Lyrics(2), verse.Revision);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(Corpus.Prompt(2), Assert.Single(await ana.ListVersesAsync()).Prompt);

        using var delete = await ana.DeleteAsync($"/api/verses/{verse.Id}");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Empty(await ana.ListVersesAsync());
        using var get = await ana.GetAsync($"/api/verses/{verse.Id}");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task AnAdminCanChangeAndDeleteAWritersVerse()
    {
        await using var portal = new PortalFactory();
        using var ana = portal.CreateBearerClient((await portal.CreateWriterAsync("ana")).Token);
        using var admin = portal.CreateAdminClient();
        var first = await ana.AddVerseAsync(1);
        var second = await ana.AddVerseAsync(2);

        using var put = await admin.PutVerseAsync(first.Id, Corpus.Prompt(3), Corpus.Lyrics(3), first.Revision);
        using var delete = await admin.DeleteAsync($"/api/verses/{second.Id}");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        var left = Assert.Single(await ana.ListVersesAsync());
        Assert.Equal(Corpus.Prompt(3), left.Prompt);
        Assert.Equal("ana", left.Author);
    }
}
