namespace Portal.Core.Training;

/// <summary>When the portal starts a job by itself. Off by default; an admin turns it on.</summary>
/// <param name="AfterNewVerses">Start once this many verses are new since the current model; null: never for this reason.</param>
/// <param name="EveryHours">Start when this many hours have passed since the last job and something is new; null: no schedule.</param>
public sealed record AutoRetrainSettings(int? AfterNewVerses, int? EveryHours, RetrainPreset Preset)
{
    public static AutoRetrainSettings Off { get; } = new(null, null, RetrainPreset.Quick);

    public bool IsOn => AfterNewVerses is not null || EveryHours is not null;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (AfterNewVerses is < 1 or > 100_000) errors.Add("New verses must be between 1 and 100000.");
        if (EveryHours is < 1 or > 24 * 366) errors.Add("The schedule must be between 1 hour and 366 days.");
        if (Preset == RetrainPreset.Custom) errors.Add("Automatic retrains use a preset, not custom settings.");
        return errors;
    }
}

public interface IPortalSettingsStore
{
    Task<AutoRetrainSettings> GetAutoRetrainAsync(CancellationToken cancellationToken = default);
    Task SaveAutoRetrainAsync(AutoRetrainSettings settings, string changedById, CancellationToken cancellationToken = default);

    /// <summary>Whether a candidate whose checklist has no failed item is promoted without an admin's click (off by default).</summary>
    Task<bool> GetAutoPromoteAsync(CancellationToken cancellationToken = default);
    Task SaveAutoPromoteAsync(bool on, string changedById, CancellationToken cancellationToken = default);
}
