using Microsoft.EntityFrameworkCore;

namespace Portal.Data.Backup;

/// <summary>
/// Online backup with VACUUM INTO: one read transaction over a consistent snapshot, so writers keep importing and
/// editing while it runs (WAL). The copy is written under a hidden temporary name, synced to disk, checked as a
/// restore would check it, and only then renamed: a backup under its real name is always whole.
/// </summary>
public sealed class DatabaseBackupWriter(IDbContextFactory<PortalDbContext> contexts)
{
    private readonly SemaphoreSlim oneAtATime = new(1, 1);

    public async Task<BackupFile> WriteAsync(string directory, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await oneAtATime.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(directory);
            DeleteLeftoverPartials(directory);
            var name = FreeName(directory, at);
            var partial = Path.Combine(directory, BackupFileNames.Partial(name));
            var final = Path.Combine(directory, name);
            try
            {
                await VacuumIntoAsync(partial, cancellationToken);
                SyncToDisk(partial);
                if (await PortalDatabaseFile.FindProblemAsync(partial, cancellationToken) is { } problem)
                    throw new BackupFailedException($"The backup did not pass its check and was discarded: {problem}");
                File.Move(partial, final);
            }
            finally
            {
                File.Delete(partial);
            }
            return new BackupFile(name, final, new FileInfo(final).Length, at);
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    private async Task VacuumIntoAsync(string target, CancellationToken cancellationToken)
    {
        // Through the portal's own context factory, so the copy is read with the portal's connection settings.
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await db.Database.ExecuteSqlRawAsync("VACUUM INTO {0}", [target], cancellationToken);
    }

    /// <summary>SQLite does not fsync what VACUUM INTO writes; a backup that only sits in the page cache is not one.</summary>
    private static void SyncToDisk(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        file.Flush(flushToDisk: true);
    }

    /// <summary>A portal killed mid-backup leaves its temporary file behind; only one backup runs at a time, so any found now is stale.</summary>
    private static void DeleteLeftoverPartials(string directory)
    {
        foreach (var leftover in Directory.EnumerateFiles(directory, ".portal-*.partial"))
            File.Delete(leftover);
    }

    private static string FreeName(string directory, DateTimeOffset at)
    {
        for (var attempt = 1; ; attempt++)
        {
            var name = BackupFileNames.For(at, attempt);
            if (!File.Exists(Path.Combine(directory, name)))
                return name;
        }
    }
}
