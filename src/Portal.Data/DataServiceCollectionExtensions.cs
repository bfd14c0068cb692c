using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Audit;
using Portal.Core.Playground;
using Portal.Core.Text;
using Portal.Core.Training;
using Portal.Core.Versions;
using Portal.Data.Audit;
using Portal.Data.Sqlite;
using Portal.Data.Invitations;
using Portal.Data.Playground;
using Portal.Data.Tokens;
using Portal.Data.Training;
using Portal.Data.Users;
using Portal.Data.Verses;
using Portal.Data.Versions;

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

        // One instance behind both names: its write lock only serialises writers that share it.
        services.AddSingleton<TrainingJobStore>();
        services.AddSingleton<ITrainingJobStore>(provider => provider.GetRequiredService<TrainingJobStore>());
        services.AddSingleton<GoldenPromptStore>();
        services.AddSingleton<IGoldenPromptStore>(provider => provider.GetRequiredService<GoldenPromptStore>());
        services.AddSingleton<PortalSettingsStore>();
        services.AddSingleton<IPortalSettingsStore>(provider => provider.GetRequiredService<PortalSettingsStore>());
        services.AddSingleton<ModelVersionStore>();
        services.AddSingleton<IModelVersionStore>(provider => provider.GetRequiredService<ModelVersionStore>());
        services.AddSingleton<GenerationHistoryStore>();
        services.AddSingleton<IGenerationHistoryStore>(provider => provider.GetRequiredService<GenerationHistoryStore>());
        services.AddSingleton<BlindVoteStore>();
        services.AddSingleton<IBlindVoteStore>(provider => provider.GetRequiredService<BlindVoteStore>());
        services.AddSingleton<AuditLogStore>();
        services.AddSingleton<IAuditLog, AuditLog>();
        return services;
    }
}
