using Microsoft.Data.Sqlite;

namespace Portal.Data.Sqlite;

public static class SqliteConnectionStrings
{
    public static string ForFile(string databasePath) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(databasePath),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
    }.ToString();
}
