using System.Globalization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Web.Auth;

namespace Portal.Web.Security;

/// <summary>
/// A hub connection is authenticated once, when it opens, and may then stay open for days (a worker on a GPU box).
/// Revoking its token must still stop it: before every call from a connection that signed in with a token, the token
/// is looked up again (one primary-key read); a revoked one gets a refusal and the connection is closed.
/// </summary>
internal sealed class RevokedTokenHubFilter(IDbContextFactory<PortalDbContext> contexts) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var claim = invocation.Context.User?.FindFirst(ApiTokenAuthenticationHandler.TokenIdClaim)?.Value;
        if (claim is not null && !await IsActiveAsync(int.Parse(claim, CultureInfo.InvariantCulture), invocation.Context.ConnectionAborted))
        {
            invocation.Context.Abort();
            throw new HubException("Not allowed: this connection's token was revoked.");
        }
        return await next(invocation);
    }

    private async Task<bool> IsActiveAsync(int tokenId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ApiTokens.AnyAsync(t => t.Id == tokenId && t.RevokedAt == null, cancellationToken);
    }
}
