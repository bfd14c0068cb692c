using Portal.Core.Access;

namespace Portal.Core.Audit;

public static class AuditLogExtensions
{
    /// <summary>Records what <paramref name="actor"/> did; see <see cref="IAuditLog.RecordAsync"/>.</summary>
    public static Task RecordAsync(this IAuditLog log, Actor actor, AuditAction action, string target, string detail = "")
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(actor);
        return log.RecordAsync(new AuditRecord(actor.UserId, actor.UserName, action, target, detail));
    }
}
