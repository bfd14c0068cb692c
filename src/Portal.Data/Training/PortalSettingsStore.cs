using Microsoft.EntityFrameworkCore;
using Portal.Core.Training;
using Portal.Data.Entities;

namespace Portal.Data.Training;

public sealed class PortalSettingsStore(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock) : IPortalSettingsStore
{
    public const string AutoRetrainKey = "auto-retrain";
    public const string AutoPromoteKey = "auto-promote";

    public async Task<AutoRetrainSettings> GetAutoRetrainAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var json = await db.PortalSettings.Where(s => s.Key == AutoRetrainKey).Select(s => s.ValueJson).SingleOrDefaultAsync(cancellationToken);
        return json is null ? AutoRetrainSettings.Off : TrainingJson.Read<AutoRetrainSettings>(json);
    }

    public async Task SaveAutoRetrainAsync(AutoRetrainSettings settings, string changedById, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Validate() is { Count: > 0 } errors)
            throw new ArgumentException(string.Join(" ", errors), nameof(settings));
        await SaveAsync(AutoRetrainKey, TrainingJson.Write(settings), changedById, cancellationToken);
    }

    public async Task<bool> GetAutoPromoteAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var json = await db.PortalSettings.Where(s => s.Key == AutoPromoteKey).Select(s => s.ValueJson).SingleOrDefaultAsync(cancellationToken);
        return json is not null && TrainingJson.Read<bool>(json);
    }

    public Task SaveAutoPromoteAsync(bool on, string changedById, CancellationToken cancellationToken = default) =>
        SaveAsync(AutoPromoteKey, TrainingJson.Write(on), changedById, cancellationToken);

    private async Task SaveAsync(string key, string valueJson, string changedById, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // BEGIN IMMEDIATE: two admins saving at once must not both find no row and both insert one.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await db.PortalSettings.SingleOrDefaultAsync(s => s.Key == key, cancellationToken);
        if (row is null)
        {
            row = new PortalSettingEntity { Key = key, ValueJson = "" };
            db.PortalSettings.Add(row);
        }
        row.ValueJson = valueJson;
        row.ChangedAt = clock.GetUtcNow();
        row.ChangedById = changedById;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The admin who last saved the automatic-retrain settings: automatic jobs are queued in their name.</summary>
    public async Task<string?> AutoRetrainChangedByAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.PortalSettings.Where(s => s.Key == AutoRetrainKey).Select(s => s.ChangedById).SingleOrDefaultAsync(cancellationToken);
    }
}
