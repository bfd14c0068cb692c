namespace Portal.Web.Security;

/// <summary>
/// The browser-side protections on every response, pages, API, hubs and static files alike. They are written when
/// the response starts rather than now, so that the exception handler and the status code pages, which clear or
/// replace a response, cannot drop them, and so that the policy can see which endpoint answered.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    // strict-origin-when-cross-origin, not no-referrer: under no-referrer a browser sends "Origin: null" on its own
    // same-origin POSTs (the circuit's negotiate), and the hubs' origin check would then refuse the portal's own pages.
    public const string ReferrerPolicy = "strict-origin-when-cross-origin";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy.For(http.GetEndpoint());
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = ReferrerPolicy;
            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
