using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Portal.Data.Sqlite;

namespace Portal.Data;

/// <summary>Lets `dotnet ef migrations add` build the context without starting the web app.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<PortalDbContext>()
        .UseSqlite(SqliteConnectionStrings.ForFile(Path.Combine(Path.GetTempPath(), "portal-design.db")))
        .Options);
}
