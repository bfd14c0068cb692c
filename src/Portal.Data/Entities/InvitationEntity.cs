namespace Portal.Data.Entities;

/// <summary>A one-time link an admin sends to a new writer. Only the hash of its code is stored.</summary>
public sealed class InvitationEntity
{
    public int Id { get; set; }
    public required string CodeHash { get; set; }
    public required string Role { get; set; }
    public string? Note { get; set; }
    public required string CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    public string? UsedById { get; set; }
}
