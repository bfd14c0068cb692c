using Microsoft.Extensions.Options;
using Portal.Data.Backup;
using Portal.Web.Options;

namespace Portal.Web.Services.Backup;

/// <summary>
/// Takes a backup every Portal:Backup:IntervalHours. The next one is due one interval after the newest backup in
/// the folder (one taken from the admin page counts), so the schedule holds across restarts. A portal with no backup
/// yet takes its first one interval after start, but no later than an hour after: a portal restarted daily must not
/// wait for ever, and one started for a quick look leaves nothing behind.
/// </summary>
public sealed class BackupScheduler(
    BackupService backups,
    IOptionsMonitor<BackupOptions> options,
    TimeProvider clock,
    ILogger<BackupScheduler> logger) : BackgroundService
{
    private static readonly TimeSpan FirstBackupAtMost = TimeSpan.FromHours(1);
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(15);
    // Waits are re-planned at least this often, so that a backup from the page or a changed setting moves the plan.
    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(10);

    private readonly DateTimeOffset startedAt = clock.GetUtcNow();
    private DateTimeOffset? failedAt;

    /// <summary>When the next scheduled backup is due; null when the schedule is off.</summary>
    public DateTimeOffset? NextDue()
    {
        if (options.CurrentValue.Interval is not { } interval)
            return null;
        var due = backups.List() is [var newest, ..]
            ? newest.CreatedAt + interval
            : startedAt + (interval < FirstBackupAtMost ? interval : FirstBackupAtMost);
        return failedAt is { } failed && failed + RetryAfterFailure > due ? failed + RetryAfterFailure : due;
    }

    /// <summary>Takes the scheduled backup if it is due now: the backup, or null when it was not due.</summary>
    public async Task<BackupFile?> RunIfDueAsync(CancellationToken cancellationToken = default)
    {
        if (NextDue() is not { } due || due > clock.GetUtcNow())
            return null;
        try
        {
            var backup = await backups.CreateAsync(BackupService.Schedule, "scheduled", cancellationToken);
            failedAt = null;
            return backup;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A full disk or a failed check: the portal keeps serving, the admin page shows the last good backup.
            failedAt = clock.GetUtcNow();
            logger.LogError(e, "The scheduled backup failed; next attempt in {Retry}", RetryAfterFailure);
            return null;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await RunIfDueAsync(stoppingToken);
            var wait = NextDue() is { } due ? due - clock.GetUtcNow() : LongestWait;
            await Task.Delay(wait < TimeSpan.Zero ? TimeSpan.Zero : wait > LongestWait ? LongestWait : wait, clock, stoppingToken);
        }
    }
}
