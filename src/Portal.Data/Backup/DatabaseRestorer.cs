using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Portal.Data.Backup;

/// <summary>
/// Puts a backup in place of portal.db while the portal is stopped. Every check comes before the first change:
/// the backup must be a whole portal database this build can run, and no portal may be using the data directory.
/// The current database (with its -wal and -shm) is kept as portal.db.before-restore-&lt;time&gt;, and the backup
/// is copied under a temporary name and renamed, so portal.db is at every moment either the old or the new file.
/// The next start migrates a restored older database forward.
/// </summary>
public static class DatabaseRestorer
{
    private static readonly string[] Companions = ["-wal", "-shm"];

    public static async Task<RestoreOutcome> RestoreAsync(string backupPath, string databasePath, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        backupPath = Path.GetFullPath(backupPath);
        databasePath = Path.GetFullPath(databasePath);
        if (string.Equals(backupPath, databasePath, StringComparison.Ordinal))
            throw new RestoreRefusedException("That file is the portal's database itself; name a backup file.");
        if (await PortalDatabaseFile.FindProblemAsync(backupPath, cancellationToken) is { } problem)
            throw new RestoreRefusedException($"Nothing was changed. {problem}");

        Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        using var running = DatabaseLock.TryAcquire(databasePath)
            ?? throw new RestoreRefusedException($"Nothing was changed. The portal is running on {Path.GetDirectoryName(databasePath)} (it holds {DatabaseLock.PathFor(databasePath)}). Stop it, then restore.");

        var aside = Present(databasePath) ? await SetCurrentAsideAsync(databasePath, at, cancellationToken) : null;
        try
        {
            PutInPlace(backupPath, databasePath);
        }
        catch
        {
            if (aside is not null)
                MovePair(aside, databasePath);
            throw;
        }
        return new RestoreOutcome(databasePath, aside);
    }

    private static async Task<string> SetCurrentAsideAsync(string databasePath, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // Once the log is folded in, -wal and -shm hold nothing the file lacks: the database is kept aside as one file.
        if (File.Exists(databasePath) && await FoldWalIntoDatabaseAsync(databasePath, cancellationToken))
        {
            foreach (var suffix in Companions)
                File.Delete(databasePath + suffix);
        }
        var aside = $"{databasePath}.before-restore-{at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";
        for (var attempt = 2; File.Exists(aside); attempt++)
            aside = $"{databasePath}.before-restore-{at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-{attempt}";
        MovePair(databasePath, aside);
        return aside;
    }

    /// <summary>
    /// Checkpoints the write-ahead log into the file, so the database kept aside is one self-contained file. Taking
    /// an exclusive lock first also proves that no process still has the database open. A database too damaged
    /// to open is kept aside as it is, -wal and all.
    /// </summary>
    private static async Task<bool> FoldWalIntoDatabaseAsync(string databasePath, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = databasePath,
                Mode = SqliteOpenMode.ReadWrite,
                Pooling = false,
                DefaultTimeout = 1,
            }.ToString());
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT; PRAGMA wal_checkpoint(TRUNCATE);";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED)
        {
            throw new RestoreRefusedException($"Nothing was changed. Another process has {databasePath} open; stop the portal, then restore.");
        }
        catch (SqliteException)
        {
            // Damaged beyond opening: exactly the case a restore is for. It is kept aside untouched, with its log.
            return false;
        }
    }

    private static void PutInPlace(string backupPath, string databasePath)
    {
        var incoming = databasePath + ".restoring";
        File.Delete(incoming);
        try
        {
            using (var source = new FileStream(backupPath, FileMode.Open, FileAccess.Read, FileShare.Read))
            using (var target = new FileStream(incoming, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                source.CopyTo(target);
                target.Flush(flushToDisk: true);
            }
            SwitchToWal(incoming);
            File.Move(incoming, databasePath);
        }
        finally
        {
            foreach (var suffix in Companions.Prepend(""))
                File.Delete(incoming + suffix);
        }
    }

    /// <summary>
    /// Backups are single files in rollback-journal mode. The portal opens some connections read-only (EF's
    /// existence check), and a read-only connection cannot switch a file to WAL, so the restored file is switched here.
    /// </summary>
    private static void SwitchToWal(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL";
        command.ExecuteNonQuery();
    }

    /// <summary>A database file, or a log without one: a stray -wal next to the restored file would be replayed into it.</summary>
    private static bool Present(string databasePath) =>
        File.Exists(databasePath) || Companions.Any(suffix => File.Exists(databasePath + suffix));

    /// <summary>Moves a database with its -wal and -shm: SQLite finds a log by the database's name, so they travel together.</summary>
    private static void MovePair(string from, string to)
    {
        foreach (var suffix in Companions.Prepend(""))
        {
            if (File.Exists(from + suffix))
                File.Move(from + suffix, to + suffix, overwrite: suffix.Length > 0);
        }
    }
}
