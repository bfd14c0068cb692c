using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Portal.Core.Audit;
using Portal.Data.Audit;

namespace Portal.Data.Tests.Audit;

/// <summary>An entry the database cannot take neither fails the action that was recorded nor disappears without a word.</summary>
public sealed class AuditLogFailureTests
{
    [Fact]
    public async Task AnEntryThatCannotBeStoredIsWrittenToTheErrorLogInFullAndTheCallerCarriesOn()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var connection = new SqliteConnection($"Data Source={database.Path}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            // Stands for a database that refuses writes (disk full, file damaged): the insert fails every time.
            command.CommandText = "DROP TABLE AuditEntries";
            await command.ExecuteNonQueryAsync();
        }
        var logs = new ErrorLines();
        var log = new AuditLog(database.Get<AuditLogStore>(), logs);

        await log.RecordAsync(new AuditRecord("user-7", "ana", AuditAction.VerseDeleted, "verse #42", "its prompt"));

        var line = Assert.Single(logs.Errors);
        Assert.Contains("AUDIT ENTRY NOT STORED", line, StringComparison.Ordinal);
        Assert.Contains("ana (user-7) VerseDeleted verse #42: its prompt", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStoredEntryLeavesTheErrorLogEmpty()
    {
        await using var database = await TestDatabase.CreateAsync();
        var logs = new ErrorLines();
        var log = new AuditLog(database.Get<AuditLogStore>(), logs);

        await log.RecordAsync(new AuditRecord("user-7", "ana", AuditAction.VerseDeleted, "verse #42"));

        Assert.Empty(logs.Errors);
        Assert.Equal("verse #42", Assert.Single((await log.QueryAsync(new AuditQuery())).Items).Target);
    }

    private sealed class ErrorLines : ILogger<AuditLog>
    {
        private readonly ConcurrentQueue<string> errors = new();

        public IReadOnlyCollection<string> Errors => errors;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error)
                errors.Enqueue(formatter(state, exception));
        }
    }
}
