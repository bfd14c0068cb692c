using Microsoft.Data.Sqlite;

namespace Portal.Web.Tests.Support;

/// <summary>A fresh folder for one portal's data, deleted when the test is done with it.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "portal-web-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        // Pooled SQLite connections keep portal.db open, and an open file cannot be deleted everywhere.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a straggling connection is left for the OS temp cleaner rather than failing a test.
        }
    }
}
