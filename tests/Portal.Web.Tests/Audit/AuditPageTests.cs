using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Audit;
using Portal.Web.Components.Pages.Admin;
using Portal.Web.Components.Pages.Profile;
using Portal.Web.Tests.Components.Support;

namespace Portal.Web.Tests.Audit;

/// <summary>The Audit page lists what was recorded; the pages that change tokens and invitations record what they did.</summary>
public sealed class AuditPageTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task TheAuditPageListsEntriesNewestFirstAndFiltersThemByWho()
    {
        await using var bed = await AuditPageTestBed.CreateAsync();
        var root = await bed.AddUserAsync("root", admin: true);
        bed.SignIn(root);
        var audit = bed.Context.Services.GetRequiredService<IAuditLog>();
        await audit.RecordAsync(new AuditRecord("a", "ana", AuditAction.VersesImported, "12 verses", "Json file"));
        await audit.RecordAsync(new AuditRecord("b", "bob", AuditAction.VerseDeleted, "verse #4"));
        await audit.RecordAsync(new AuditRecord(root.UserId, "root", AuditAction.VersionPromoted, "v2", "job 7's candidate"));
        bed.RenderProviders();

        var page = bed.Context.Render<AuditPage>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("tr.audit-row").Count), Patience);
        Assert.Equal(["Promoted", "Deleted a verse", "Imported verses"], page.FindAll("td.audit-action").Select(c => c.TextContent.Trim()));
        Assert.Equal(["root", "bob", "ana"], page.FindAll("td.audit-actor").Select(c => c.TextContent.Trim()));
        Assert.Equal("v2", page.Find("td.audit-target").TextContent.Trim());

        await page.Find("#audit-actor").InputAsync(new() { Value = "bo" });

        page.WaitForAssertion(() => Assert.Equal(["verse #4"], page.FindAll("td.audit-target").Select(c => c.TextContent.Trim())), Patience);
    }

    [Fact]
    public async Task AnEmptyAuditLogSaysSo()
    {
        await using var bed = await AuditPageTestBed.CreateAsync();
        bed.SignIn(await bed.AddUserAsync("root", admin: true));
        bed.RenderProviders();

        var page = bed.Context.Render<AuditPage>();

        page.WaitForAssertion(() => Assert.Contains("Nothing has been recorded yet", page.Find("#audit-empty").TextContent, StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task CreatingAndRevokingAnApiTokenOnTheProfilePageAreRecordedWithoutTheSecret()
    {
        await using var bed = await AuditPageTestBed.CreateAsync();
        var ana = await bed.AddUserAsync("ana");
        bed.SignIn(ana);
        bed.RenderProviders();
        var page = bed.Context.Render<ProfilePage>();
        page.WaitForElement("#no-tokens", Patience);

        await page.TypeAsync("#token-name", "laptop script");
        await page.Find("#create-token").ClickAsync(new());
        page.WaitForElement(".revoke-token", Patience);
        var secret = page.Find(".token-secret").TextContent.Trim();
        await page.Find(".revoke-token").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".revoke-token")), Patience);

        var entries = (await bed.Context.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery())).Items;
        Assert.Equal([AuditAction.ApiTokenRevoked, AuditAction.ApiTokenCreated], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(("ana", ana.UserId), (e.ActorName, e.ActorId)));
        Assert.All(entries, e => Assert.Equal("\"laptop script\"", e.Detail));
        Assert.Equal(entries[0].Target, entries[1].Target);
        Assert.All(entries, e => Assert.DoesNotContain(secret[..10], e.Target + e.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreatingAndRevokingAWorkerTokenAreRecordedWithTheAdminWhoDidIt()
    {
        await using var bed = await AuditPageTestBed.CreateAsync();
        var root = await bed.AddUserAsync("root", admin: true);
        bed.SignIn(root);
        bed.RenderProviders();
        var page = bed.Context.Render<TrainingAdminPage>();
        page.WaitForElement("#no-worker-tokens", Patience);

        await page.TypeAsync("#worker-token-name", "gpu box");
        await page.Find("#create-worker-token").ClickAsync(new());
        page.WaitForElement("#new-worker-token-secret", Patience);
        await page.Find(".revoke-worker-token").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("revoked", page.Find("#worker-token-table tr.worker-token-row").TextContent, StringComparison.Ordinal), Patience);

        var entries = (await bed.Context.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery())).Items;
        Assert.Equal([AuditAction.WorkerTokenRevoked, AuditAction.WorkerTokenCreated], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal("root", e.ActorName));
        Assert.All(entries, e => Assert.Equal("\"gpu box\"", e.Detail));
    }

    [Fact]
    public async Task InvitingAWriterAndWithdrawingTheInvitationAreRecorded()
    {
        await using var bed = await AuditPageTestBed.CreateAsync();
        var root = await bed.AddUserAsync("root", admin: true);
        bed.SignIn(root);
        bed.RenderProviders();
        var page = bed.Context.Render<WritersPage>();
        page.WaitForElement("#create-invite", Patience);

        await page.Find("#invite-note").ChangeAsync(new() { Value = "for dana" });
        await page.Find("#create-invite").ClickAsync(new());
        page.WaitForElement("#invitations-table", Patience);
        await page.FindAll("#invitations-table button").Single().ClickAsync(new());
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#invitations-table")), Patience);

        var entries = (await bed.Context.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery())).Items;
        Assert.Equal([AuditAction.InvitationWithdrawn, AuditAction.InvitationCreated], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal("root", e.ActorName));
        Assert.All(entries, e => Assert.Contains("for dana", e.Detail, StringComparison.Ordinal));
        Assert.Equal(entries[0].Target, entries[1].Target);
    }
}
