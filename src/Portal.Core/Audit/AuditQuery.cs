namespace Portal.Core.Audit;

/// <summary>One page of the audit log, newest first, optionally only one actor (name contains) or one action.</summary>
public sealed record AuditQuery
{
    public const int MaxPageSize = 200;

    public string? Actor { get; init; }
    public AuditAction? Action { get; init; }
    public int Page { get; init; }
    public int PageSize { get; init; } = 50;
}

public sealed record AuditEntryPage(IReadOnlyList<AuditEntry> Items, int Total);
