using Microsoft.Data.Sqlite;

namespace Portal.Web.Tests.Faults.Promotion;

/// <summary>
/// Holds SQLite's write lock on portal.db (BEGIN IMMEDIATE) until disposed: the portal still reads, but a write waits.
/// A promotion then commits and tags in git and stops at its version record, the moment a kill has to hit.
/// </summary>
internal sealed class DatabaseWriteLock : IDisposable
{
    private readonly SqliteConnection connection;

    public DatabaseWriteLock(string dataDirectory)
    {
        connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "portal.db"), Pooling = false }.ToString());
        connection.Open();
        using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE;";
        begin.ExecuteNonQuery();
    }

    public void Dispose()
    {
        using (var rollback = connection.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK;";
            rollback.ExecuteNonQuery();
        }
        connection.Dispose();
    }
}
