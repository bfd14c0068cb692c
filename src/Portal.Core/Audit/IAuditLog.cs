namespace Portal.Core.Audit;

/// <summary>
/// The audit log: append and read, nothing else (entries are never changed or removed).
/// </summary>
public interface IAuditLog
{
    /// <summary>
    /// Records an action that has already happened. Never throws and cannot be cancelled: the action stands whatever
    /// becomes of its record, and a record that cannot be stored is written to the error log in full instead.
    /// </summary>
    Task RecordAsync(AuditRecord record);

    Task<AuditEntryPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);
}
