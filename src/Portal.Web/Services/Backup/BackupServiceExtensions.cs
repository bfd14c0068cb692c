using Portal.Data.Backup;
using Portal.Web.Options;

namespace Portal.Web.Services.Backup;

public static class BackupServiceExtensions
{
    /// <summary>Online backups (admin page, API, schedule) and the lock that keeps a restore off a running portal.</summary>
    public static IServiceCollection AddPortalBackups(this IServiceCollection services)
    {
        services.AddOptions<BackupOptions>().BindConfiguration(BackupOptions.Section);
        services.AddSingleton<DatabaseBackupWriter>();
        services.AddSingleton<BackupService>();
        services.AddSingleton<BackupScheduler>();
        services.AddHostedService<DatabaseLockHolder>();
        services.AddHostedService(provider => provider.GetRequiredService<BackupScheduler>());
        return services;
    }
}
