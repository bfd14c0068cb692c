using System.Net;
using Portal.Core.Audit;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Audit;

/// <summary>Changes to the library made through the API appear in the audit log: who, what, on which verses.</summary>
public sealed class VerseAuditTests
{
    [Fact]
    public async Task AnImportIsRecordedWithItsAuthorHowManyVersesAndTheFormat()
    {
        await using var portal = new PortalFactory();
        var ana = await portal.CreateWriterAsync("ana");
        using var writer = portal.CreateBearerClient(ana.Token);
        using var admin = portal.CreateAdminClient();

        using var imported = await writer.ImportAsync(Corpus.JsonArray(1, 2));
        var report = await imported.ReadReportAsync();

        Assert.Equal(2, report.Added);
        var entry = await admin.SingleAsync(AuditAction.VersesImported);
        AuditApi.AssertEntry(entry, "ana", AuditAction.VersesImported, "2 verses");
        Assert.Equal(ana.Id, entry.ActorId);
        Assert.Contains("Json", entry.Detail, StringComparison.Ordinal);
        Assert.Contains("2 items", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARejectedImportChangesNothingAndRecordsNothing()
    {
        await using var portal = new PortalFactory();
        using var admin = portal.CreateAdminClient();

        using var refused = await admin.ImportAsync("""[{"prompt": 3}]""");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(0, (await admin.GetAuditAsync()).Total);
    }

    [Fact]
    public async Task EditingAndDeletingAVerseAreRecordedAgainstThatVerse()
    {
        await using var portal = new PortalFactory();
        var ana = await portal.CreateWriterAsync("ana");
        using var writer = portal.CreateBearerClient(ana.Token);
        using var admin = portal.CreateAdminClient();
        var verse = await writer.AddVerseAsync(1);

        using var edited = await writer.PutVerseAsync(verse.Id, "An edited prompt about rain", Corpus.Lyrics(1), verse.Revision);
        using var deleted = await writer.DeleteAsync($"/api/verses/{verse.Id}");

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var edit = await admin.SingleAsync(AuditAction.VerseEdited);
        var delete = await admin.SingleAsync(AuditAction.VerseDeleted);
        AuditApi.AssertEntry(edit, "ana", AuditAction.VerseEdited, $"verse #{verse.Id}");
        AuditApi.AssertEntry(delete, "ana", AuditAction.VerseDeleted, $"verse #{verse.Id}");
        Assert.Contains("An edited prompt about rain", delete.Detail, StringComparison.Ordinal);
        Assert.True(delete.Id > edit.Id);
    }

    [Fact]
    public async Task ADeleteThatIsRefusedIsNotRecorded()
    {
        await using var portal = new PortalFactory();
        var ana = await portal.CreateWriterAsync("ana");
        var bob = await portal.CreateWriterAsync("bob");
        using var admin = portal.CreateAdminClient();
        using var author = portal.CreateBearerClient(ana.Token);
        using var other = portal.CreateBearerClient(bob.Token);
        var verse = await author.AddVerseAsync(1);

        using var refused = await other.DeleteAsync($"/api/verses/{verse.Id}");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Empty((await admin.GetAuditAsync($"?action={AuditAction.VerseDeleted}")).Items);
    }
}
