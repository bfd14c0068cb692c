using System.Net;
using Portal.Core.Audit;
using Portal.Web.Tests.Access;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Audit;

/// <summary>Only admins read the audit log, through the API or the page; bad filters get a clear 400.</summary>
public sealed class AuditAccessTests
{
    [Fact]
    public async Task AWriterAndAnAnonymousCallerCannotReadTheAuditLogThroughTheApi()
    {
        await using var portal = new PortalFactory();
        var ana = await portal.CreateWriterAsync("ana");
        using var writer = portal.CreateBearerClient(ana.Token);
        using var anonymous = portal.CreateClient();
        using var worker = portal.CreateBearerClient(PortalFactory.WorkerToken);
        await writer.AddVerseAsync(1);

        using var asWriter = await writer.GetAsync("/api/audit");
        using var asAnonymous = await anonymous.GetAsync("/api/audit");
        using var asWorker = await worker.GetAsync("/api/audit");

        Assert.Equal(HttpStatusCode.Forbidden, asWriter.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, asAnonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asWorker.StatusCode);
        Assert.DoesNotContain("ana", await asWriter.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWriterSignedInInTheBrowserIsSentAwayFromTheAuditPageAndAnAdminOpensIt()
    {
        await using var portal = new PortalFactory();
        await portal.CreateWriterAsync("ana");
        using var writer = await BrowserSession.SignInAsync(portal, "ana", "ana-password");
        using var admin = await BrowserSession.SignInAsync(portal, PortalFactory.AdminUser, PortalFactory.AdminPassword);

        using var writerPage = await writer.GetAsync("/admin/audit");
        using var adminPage = await admin.GetAsync("/admin/audit");
        var writerHtml = await writerPage.Content.ReadAsStringAsync();
        var adminHtml = await adminPage.Content.ReadAsStringAsync();

        // The table fills once the page is interactive (the bUnit tests read its rows); the page itself is what is guarded.
        Assert.Equal(HttpStatusCode.Redirect, writerPage.StatusCode);
        Assert.Equal("/account/denied", new Uri(new Uri("http://localhost"), writerPage.Headers.Location!).AbsolutePath);
        Assert.DoesNotContain("audit-table", writerHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, adminPage.StatusCode);
        Assert.Contains("audit-table", adminHtml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?action=Exploded", "action must be one of")]
    [InlineData("?action=3", "action must be one of")]
    [InlineData("?pageSize=0", "pageSize between 1 and")]
    [InlineData("?page=-1", "page must be 0 or more")]
    public async Task ABadFilterIsRefusedWithAMessageThatNamesIt(string query, string message)
    {
        await using var portal = new PortalFactory();
        using var admin = portal.CreateAdminClient();

        using var response = await admin.GetAsync($"/api/audit{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (await response.ReadProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheApiFiltersByActorAndActionAndPagesNewestFirst()
    {
        await using var portal = new PortalFactory();
        var ana = await portal.CreateWriterAsync("ana");
        using var writer = portal.CreateBearerClient(ana.Token);
        using var admin = portal.CreateAdminClient();
        var first = await writer.AddVerseAsync(1);
        var second = await writer.AddVerseAsync(2);
        var third = await admin.AddVerseAsync(3);
        foreach (var (client, verse) in new[] { (writer, first), (writer, second), (admin, third) })
            Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/verses/{verse.Id}")).StatusCode);

        var anas = await admin.GetAuditAsync($"?actor=an&action={AuditAction.VerseDeleted}&pageSize=1");
        var secondPage = await admin.GetAuditAsync($"?actor=an&action={AuditAction.VerseDeleted}&pageSize=1&page=1");

        Assert.Equal(2, anas.Total);
        Assert.Equal($"verse #{second.Id}", Assert.Single(anas.Items).Target);
        Assert.Equal($"verse #{first.Id}", Assert.Single(secondPage.Items).Target);
        Assert.Equal(3, (await admin.GetAuditAsync()).Total);
    }
}
