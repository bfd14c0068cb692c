namespace Portal.Data.Entities;

/// <summary>
/// One playground run of a writer. Settings and outputs are JSON: a run is always read whole, never queried by its
/// parts, and its shape (how many models, which settings) is the playground's business, not the schema's.
/// </summary>
public sealed class GenerationRunEntity
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public PortalUser? User { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string Prompt { get; set; }
    public required string SettingsJson { get; set; }
    public required string OutputsJson { get; set; }
}
