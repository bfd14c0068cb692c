namespace Portal.Data.Backup;

/// <summary>
/// portal.db.lock, held (an exclusive advisory lock, FileShare.None) by a running portal for as long as it runs. The
/// operating system drops it when the process ends, however it ends, so a restore can tell a running portal from a
/// stopped or killed one.
/// </summary>
public static class DatabaseLock
{
    public static string PathFor(string databasePath) => databasePath + ".lock";

    /// <summary>The held lock, or null when another process (or another portal in this one) holds it.</summary>
    public static FileStream? TryAcquire(string databasePath)
    {
        try
        {
            return new FileStream(PathFor(databasePath), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
