using System.Net.Http.Json;
using Portal.Core.Verses;
using Portal.Web.Api;
using Portal.Web.Services.Playground;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Versions;

namespace Portal.Web.Tests.Playground;

/// <summary>"Save as verse draft": an output becomes the writer's verse, kept out of training until they include it.</summary>
[Collection(VersionRuns.Name)]
public sealed class DraftTests(TrainedCandidates trained)
{
    [Fact]
    public async Task ASavedOutputIsTheWritersVerseTaggedDraftExcludedFromTrainingAndCleanedAsTheLibraryStoresIt()
    {
        await using var portal = trained.Start();
        var writer = await portal.Portal.CreateWriterAsync("lyricist");
        using var client = portal.Portal.CreateBearerClient(writer.Token);
        var playground = portal.Playground();

        var saved = await playground.SaveDraftAsync(writer.Actor(), "  Neon rain over the harbour  ", "Neon rain on the harbour wall  \r\nA tram hums low\r\n\r\n");
        var again = await playground.SaveDraftAsync(writer.Actor(), "Neon rain over the harbour", "Neon rain on the harbour wall\nA tram hums low");
        var empty = await playground.SaveDraftAsync(writer.Actor(), "Neon rain over the harbour", "   \n  ");
        var tooLong = await playground.SaveDraftAsync(writer.Actor(), new string('p', 1001), "One line");

        Assert.True(saved.Succeeded, saved.Message);
        var verse = await client.GetFromJsonAsync<VerseResponse>($"/api/verses/{saved.Verse!.Id}", PortalApi.Json);
        Assert.Equal("Neon rain over the harbour", verse!.Prompt);
        Assert.Equal("Neon rain on the harbour wall\nA tram hums low", verse.Lyrics);
        Assert.Equal([PlaygroundService.DraftTag], verse.Tags);
        Assert.False(verse.IncludeInTraining);
        Assert.Equal(writer.Id, verse.AuthorId);
        Assert.Equal(VerseWriteStatus.Duplicate, again.Status);
        Assert.Equal(VerseWriteStatus.Invalid, empty.Status);
        Assert.Equal(VerseWriteStatus.Invalid, tooLong.Status);
        Assert.Contains("the limit is 1,000", tooLong.Message);
    }
}
