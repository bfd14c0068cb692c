namespace Portal.Data.Entities;

/// <summary>A portal-wide setting an admin changes at runtime, as JSON under a fixed key.</summary>
public sealed class PortalSettingEntity
{
    public required string Key { get; set; }
    public required string ValueJson { get; set; }
    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>Null once that account is deleted.</summary>
    public string? ChangedById { get; set; }
}
