using Microsoft.Extensions.Logging;
using Portal.Core.Audit;

namespace Portal.Data.Audit;

/// <summary>
/// What services record actions with. The action has already happened when it is recorded, so a failure here must
/// not turn it into an error for the user (they would retry an import that did happen); it must not vanish either.
/// A failed write is retried, and a record that still cannot be stored goes to the error log with every field.
/// </summary>
public sealed class AuditLog(AuditLogStore store, ILogger<AuditLog> logger) : IAuditLog
{
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250)];

    public async Task RecordAsync(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                // Not the caller's token: a browser that goes away after the action must not take its record with it.
                await store.AppendAsync(record, CancellationToken.None);
                return;
            }
            // Any failure: the one thing this method promises is that the caller's completed action is not undone.
            catch (Exception e) when (attempt < RetryDelays.Length)
            {
                logger.LogWarning(e, "Storing an audit entry failed, retrying");
                await Task.Delay(RetryDelays[attempt]);
            }
            catch (Exception e)
            {
                logger.LogError(e, "AUDIT ENTRY NOT STORED: {ActorName} ({ActorId}) {Action} {Target}: {Detail}",
                    record.ActorName, record.ActorId, record.Action, record.Target, record.Detail);
                return;
            }
        }
    }

    public Task<AuditEntryPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) =>
        store.QueryAsync(query, cancellationToken);
}
