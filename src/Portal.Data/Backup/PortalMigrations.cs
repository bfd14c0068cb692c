using Microsoft.EntityFrameworkCore;

namespace Portal.Data.Backup;

/// <summary>The migrations this build knows, oldest first: what a database file may have applied to be restorable.</summary>
internal static class PortalMigrations
{
    private static readonly Lazy<IReadOnlyList<string>> known = new(() =>
    {
        // GetMigrations reads the compiled migrations; it never opens the connection.
        using var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite("Data Source=:memory:").Options);
        return db.Database.GetMigrations().ToList();
    });

    public static IReadOnlyList<string> Known => known.Value;
}
