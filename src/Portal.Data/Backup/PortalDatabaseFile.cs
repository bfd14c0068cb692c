using System.Buffers.Binary;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Portal.Data.Backup;

/// <summary>
/// Decides whether a file is a whole, sound Verse Portal database that this build can run: an SQLite header, every
/// page the header promises, SQLite's integrity check, the portal's migrations table, and no migration newer than
/// this build. Read-only: the file is opened immutable, so checking it creates and changes nothing next to it.
/// </summary>
public static class PortalDatabaseFile
{
    private const int HeaderLength = 100;
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("SQLite format 3\0");

    /// <summary>Null when the file is fine; otherwise what is wrong with it, in words a person can act on.</summary>
    public static async Task<string?> FindProblemAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
            return $"{path} does not exist.";
        if (HeaderProblem(path) is { } headerProblem)
            return headerProblem;
        try
        {
            await using var connection = new SqliteConnection(ReadOnlyImmutable(path));
            await connection.OpenAsync(cancellationToken);
            if (await IntegrityProblemAsync(connection, cancellationToken) is { } integrityProblem)
                return $"{Path.GetFileName(path)} is damaged: SQLite's integrity check says \"{integrityProblem}\".";
            return await MigrationProblemAsync(connection, Path.GetFileName(path), cancellationToken);
        }
        catch (SqliteException e)
        {
            return $"{Path.GetFileName(path)} cannot be read as a database: {e.Message}";
        }
    }

    private static string? HeaderProblem(string path)
    {
        var name = Path.GetFileName(path);
        var header = new byte[HeaderLength];
        long length;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            length = file.Length;
            if (file.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false) < HeaderLength || !header.AsSpan(0, Magic.Length).SequenceEqual(Magic))
                return $"{name} is not an SQLite database (it does not start with the SQLite header).";
        }

        // The page count in the header is trustworthy only when the file was last written by SQLite 3.7.0 or later
        // (valid-for equals the change counter), which is every file this portal writes.
        var pageSize = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(16)) is var size && size == 1 ? 65536 : size;
        var changeCounter = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(24));
        var pages = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(28));
        var validFor = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(92));
        var expected = (long)pageSize * pages;
        if (pages > 0 && validFor == changeCounter && length < expected)
            return $"{name} is truncated: its header promises {expected:N0} bytes but the file holds {length:N0}.";
        return null;
    }

    private static async Task<string?> IntegrityProblemAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        var first = (string?)await command.ExecuteScalarAsync(cancellationToken);
        return first == "ok" ? null : first ?? "no answer";
    }

    private static async Task<string?> MigrationProblemAsync(SqliteConnection connection, string name, CancellationToken cancellationToken)
    {
        await using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'";
        if ((long)(await exists.ExecuteScalarAsync(cancellationToken))! == 0)
            return $"{name} is not a Verse Portal database: it has no migrations table (__EFMigrationsHistory).";

        var applied = new List<string>();
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT MigrationId FROM \"__EFMigrationsHistory\" ORDER BY MigrationId";
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                applied.Add(reader.GetString(0));
        }

        var known = PortalMigrations.Known;
        if (!applied.Contains(known[0], StringComparer.Ordinal))
            return $"{name} is not a Verse Portal database: its migrations table lacks the portal's first migration ({known[0]}).";
        var unknown = applied.Except(known, StringComparer.Ordinal).ToList();
        return unknown.Count == 0
            ? null
            : $"{name} was written by a newer version of the portal: this build does not know its migration(s) {string.Join(", ", unknown)}. Restore it with that version or a later one.";
    }

    /// <summary>Immutable: SQLite reads the main file only, takes no locks and writes no -wal or -shm beside it.</summary>
    private static string ReadOnlyImmutable(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = new Uri(Path.GetFullPath(path)).AbsoluteUri + "?immutable=1",
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = false,
    }.ToString();
}
