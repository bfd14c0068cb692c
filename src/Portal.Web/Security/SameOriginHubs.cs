using Microsoft.Extensions.Options;
using Portal.Web.Options;

namespace Portal.Web.Security;

/// <summary>
/// The SignalR hubs (/hubs/training and Blazor's circuit hub /_blazor) answer only the portal's own pages. A browser
/// names the page's origin on every WebSocket handshake and every POST, including the negotiate, and a page cannot
/// forge it; WebSockets are not covered by CORS, so without this check another site could open a hub connection that
/// rides on a signed-in writer's cookie. A request with no Origin at all is not a browser's (a worker process, a
/// script): it is let through, and must bring its own credentials.
/// </summary>
internal sealed class SameOriginHubs(RequestDelegate next, IOptionsMonitor<PortalOptions> options)
{
    private static readonly PathString[] Hubs = [new("/hubs"), new("/_blazor")];

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!Hubs.Any(hub => request.Path.StartsWithSegments(hub)) || !request.Headers.TryGetValue("Origin", out var origin))
            return next(context);
        if (origin.Count == 1 && PortalOrigin.IsPortals(origin.ToString(), request, options.CurrentValue.PublicOrigin))
            return next(context);

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return context.Response.WriteAsync("This hub answers the portal's own pages only.", context.RequestAborted);
    }
}
