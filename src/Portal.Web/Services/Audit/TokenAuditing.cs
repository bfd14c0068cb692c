using Portal.Core.Access;
using Portal.Core.Audit;
using Portal.Data.Tokens;

namespace Portal.Web.Services.Audit;

/// <summary>How a token change reads in the audit log: its name and id, never any part of its secret.</summary>
public static class TokenAuditing
{
    public static Task RecordTokenAsync(this IAuditLog audit, Actor actor, AuditAction action, ApiTokenInfo token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return audit.RecordAsync(actor, action, $"token #{token.Id}", $"\"{token.Name}\"");
    }
}
