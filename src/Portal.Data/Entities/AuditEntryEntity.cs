namespace Portal.Data.Entities;

/// <summary>
/// One row of the audit log. No foreign key to the account: the log outlives accounts, and keeps the name the actor
/// had when they acted. The table refuses UPDATE and DELETE (triggers of the AuditLog migration).
/// </summary>
public sealed class AuditEntryEntity
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string ActorId { get; set; }
    public required string ActorName { get; set; }
    public required string Action { get; set; }
    public required string Target { get; set; }
    public required string Detail { get; set; }
}
