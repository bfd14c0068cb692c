using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Portal.Web.Tests.Durability;

/// <summary>What a portal's library holds, read the way a user gets it (the JSONL export), and SQLite's verdict on its file.</summary>
internal static class Library
{
    /// <summary>Every verse's prompt and lyrics, prompt order.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ExportAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/verses/export?format=jsonl");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var verses = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var item = JsonDocument.Parse(line);
            verses.Add(item.RootElement.GetProperty("prompt").GetString()!, item.RootElement.GetProperty("lyrics").GetString()!);
        }
        return verses;
    }

    /// <summary>PRAGMA integrity_check on the portal's database, read-only, beside a running or stopped portal.</summary>
    public static async Task<string> IntegrityCheckAsync(string dataDirectory)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "portal.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
