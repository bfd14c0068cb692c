namespace Portal.Data.Entities;

public sealed class GoldenPromptEntity
{
    public int Id { get; set; }
    public required string Text { get; set; }
    public required string AddedById { get; set; }
    public PortalUser? AddedBy { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}
