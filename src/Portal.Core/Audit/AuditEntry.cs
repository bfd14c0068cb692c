namespace Portal.Core.Audit;

/// <summary>
/// One recorded action: who (the account's id and its name at the time), what, on what, when, and the figures that
/// say how much. The name is kept as it was, so that the entry still reads right whatever happens to the account.
/// </summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string ActorId, string ActorName, AuditAction Action, string Target, string Detail);

/// <summary>An action to record; the log adds the id and the time.</summary>
public sealed record AuditRecord(string ActorId, string ActorName, AuditAction Action, string Target, string Detail = "")
{
    public const int MaxTargetLength = 200;
    public const int MaxDetailLength = 1000;
}
