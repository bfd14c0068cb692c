using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Access;
using Portal.Core.Verses;
using Portal.Data.Backup;
using Portal.Data.Verses;

namespace Portal.Data.Tests.Backup;

/// <summary>Verses by number in a test database, and what a database file (live or backup) holds, read with plain SQL.</summary>
internal static class BackupLibrary
{
    private const string Lyrics = "first bar of the night\nsecond bar of the night\nthird bar of the night\nfourth bar of the night";

    /// <summary>The writer as the portal builds it: over the database's own context factory.</summary>
    public static DatabaseBackupWriter Writer(TestDatabase database) => new(database.Get<IDbContextFactory<PortalDbContext>>());

    public static string Prompt(int n) => $"Backup test verse number {n}";

    public static async Task ImportAsync(TestDatabase database, Actor author, IEnumerable<int> numbers)
    {
        var items = numbers.Select(n => (n, new VerseText(Prompt(n), $"{Lyrics}\nbar {n}", []))).ToList();
        var outcome = await database.Get<VerseImportStore>().ImportAsync(items, author, includeInTraining: true);
        Assert.Equal(items.Count, outcome.AddedIds.Count);
    }

    /// <summary>The prompts of the verses a file holds (not deleted), sorted; the file is opened read-only and left as it was.</summary>
    public static async Task<List<string>> PromptsInAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Prompt FROM Verses WHERE DeletedAt IS NULL ORDER BY Prompt";
        var prompts = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            prompts.Add(reader.GetString(0));
        return prompts;
    }

    public static async Task ExecuteAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public static List<string> Sorted(IEnumerable<int> numbers) => numbers.Select(Prompt).Order(StringComparer.Ordinal).ToList();
}
