using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Data.Sqlite;

/// <summary>
/// Per-connection settings. WAL lets readers work while a writer commits; synchronous=FULL makes a committed
/// verse survive a power cut, which matters more here than the few milliseconds it costs.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    /// <summary>The setting every writable connection opens with, and goes back to the pool with (<see cref="RelaxedSync"/>).</summary>
    internal const string DurableSync = "PRAGMA synchronous=FULL;";

    private const string WritablePragmas = "PRAGMA journal_mode=WAL; " + DurableSync + " PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";

    // EF opens a read-only connection to ask whether the database exists; switching the journal mode is a write, and
    // on a file not yet in WAL (one copied into place by hand) it would fail with "attempt to write a readonly database".
    private const string ReadOnlyPragmas = "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = PragmasFor(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = PragmasFor(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string PragmasFor(DbConnection connection) =>
        new SqliteConnectionStringBuilder(connection.ConnectionString).Mode == SqliteOpenMode.ReadOnly ? ReadOnlyPragmas : WritablePragmas;
}
