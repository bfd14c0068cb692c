using Microsoft.Extensions.Options;
using Portal.Core.Access;
using Portal.Core.Audit;
using Portal.Data.Backup;
using Portal.Web.Options;

namespace Portal.Web.Services.Backup;

/// <summary>
/// The backups folder, &lt;data&gt;/backups: take a backup (then prune to the configured number), list, open for
/// download, delete. Only names of the backup pattern are ever listed, served or deleted.
/// </summary>
public sealed class BackupService(
    DatabaseBackupWriter writer,
    IOptions<PortalOptions> portal,
    IOptionsMonitor<BackupOptions> options,
    TimeProvider clock,
    IAuditLog audit,
    ILogger<BackupService> logger)
{
    /// <summary>Who the audit log names for backups nobody asked for.</summary>
    public static readonly Actor Schedule = new("backup-schedule", "backup schedule", IsAdmin: true);

    public string Directory => Path.Combine(Path.GetFullPath(portal.Value.DataDirectory), "backups");

    public async Task<BackupFile> CreateAsync(Actor by, string reason, CancellationToken cancellationToken = default)
    {
        var started = clock.GetTimestamp();
        var backup = await writer.WriteAsync(Directory, clock.GetUtcNow(), cancellationToken);
        logger.LogInformation("Backup {Name} ({Bytes} bytes, {Reason}) written and checked in {Elapsed}",
            backup.Name, backup.SizeBytes, reason, clock.GetElapsedTime(started));
        await audit.RecordAsync(by, AuditAction.BackupCreated, backup.Name, $"{backup.SizeBytes} bytes, {reason}");
        Prune(keep: backup.Name);
        return backup;
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<BackupFile> List()
    {
        if (!System.IO.Directory.Exists(Directory))
            return [];
        return new DirectoryInfo(Directory).EnumerateFiles("portal-*.db")
            .Select(file => BackupFileNames.TryParse(file.Name, out var at) ? new BackupFile(file.Name, file.FullName, file.Length, at) : null)
            .OfType<BackupFile>()
            .OrderByDescending(backup => backup.CreatedAt).ThenByDescending(backup => BackupFileNames.Attempt(backup.Name))
            .ToList();
    }

    /// <summary>The backup of that name, or null when there is none (or the name is not a backup's).</summary>
    public BackupFile? Find(string name) => List().FirstOrDefault(backup => backup.Name == name);

    public async Task<bool> DeleteAsync(Actor by, string name)
    {
        if (Find(name) is not { } backup)
            return false;
        File.Delete(backup.Path);
        logger.LogInformation("Backup {Name} deleted", name);
        await audit.RecordAsync(by, AuditAction.BackupDeleted, name);
        return true;
    }

    /// <summary>Deletes the oldest backups beyond the configured number, never the one just written.</summary>
    private void Prune(string keep)
    {
        var limit = options.CurrentValue.Keep;
        if (limit <= 0)
            return;
        foreach (var old in List().Where(backup => backup.Name != keep).Skip(limit - 1))
        {
            File.Delete(old.Path);
            logger.LogInformation("Backup {Name} pruned (keeping {Keep})", old.Name, limit);
        }
    }
}
