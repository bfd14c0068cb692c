using System.Net;
using System.Net.Http.Json;
using Portal.Core.Audit;
using Portal.Web.Services.Backup;
using Portal.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Web.Tests.Audit;

/// <summary>Backups copy every writer's work out of the portal, so who took and removed them is on record.</summary>
public sealed class BackupAuditTests
{
    [Fact]
    public async Task TakingAndDeletingABackupAreRecordedWithTheAdminWhoDidIt()
    {
        await using var portal = new PortalFactory();
        using var admin = portal.CreateAdminClient();

        using var created = await admin.PostAsync("/api/backups", null);
        var backup = await created.Content.ReadFromJsonAsync<BackupAnswer>();
        using var deleted = await admin.DeleteAsync($"/api/backups/{backup!.Name}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        AuditApi.AssertEntry(await admin.SingleAsync(AuditAction.BackupCreated), PortalFactory.AdminUser, AuditAction.BackupCreated, backup.Name);
        AuditApi.AssertEntry(await admin.SingleAsync(AuditAction.BackupDeleted), PortalFactory.AdminUser, AuditAction.BackupDeleted, backup.Name);
    }

    [Fact]
    public async Task AScheduledBackupIsRecordedAsTheSchedulesAndARefusedDeleteIsNotRecorded()
    {
        await using var portal = new PortalFactory();
        using var admin = portal.CreateAdminClient();

        var backup = await portal.Services.GetRequiredService<BackupService>().CreateAsync(BackupService.Schedule, "scheduled");
        using var missing = await admin.DeleteAsync("/api/backups/portal-20000101T000000Z.db");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        AuditApi.AssertEntry(await admin.SingleAsync(AuditAction.BackupCreated), BackupService.Schedule.UserName, AuditAction.BackupCreated, backup.Name);
        Assert.Empty((await admin.GetAuditAsync($"?action={AuditAction.BackupDeleted}")).Items);
    }

    private sealed record BackupAnswer(string Name);
}
