using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Text;
using Portal.Data.Sqlite;
using Portal.Data.Invitations;
using Portal.Data.Tokens;
using Portal.Data.Users;
using Portal.Data.Verses;

namespace Portal.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>The portal database (SQLite file in the data directory) and the stores built on it.</summary>
    public static IServiceCollection AddPortalData(this IServiceCollection services, string databasePath)
    {
        var connectionString = SqliteConnectionStrings.ForFile(databasePath);
        services.AddDbContextFactory<PortalDbContext>(options => options
            .UseSqlite(connectionString)
            .AddInterceptors(new SqlitePragmas()));
        services.AddSingleton<ITokenCounter, Gpt2PreTokenCounter>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<VerseStore>();
        services.AddSingleton<VerseImportStore>();
        services.AddSingleton<ApiTokenStore>();
        services.AddSingleton<InvitationStore>();
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<DatabaseMigrator>();
        return services;
    }
}
