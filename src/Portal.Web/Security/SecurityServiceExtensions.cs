using Microsoft.AspNetCore.SignalR;
using Portal.Web.Hubs;
using Portal.Web.Options;

namespace Portal.Web.Security;

/// <summary>
/// Browser-facing protections: security headers on every response, hubs restricted to the portal's origin, and
/// hub connections that lose their token when it is revoked.
/// </summary>
/// <remarks>
/// Behind a proxy that terminates TLS (Render), the portal sees plain http unless it trusts X-Forwarded-Proto; it then
/// could not mark cookies Secure, and a browser's https Origin would not match the request's http scheme. Trusting
/// the header is ASP.NET Core's own switch, ASPNETCORE_FORWARDEDHEADERS_ENABLED=true (render.yaml sets it): it trusts
/// X-Forwarded-Proto and X-Forwarded-For from any peer, which is safe only where the proxy is the one way in, so it
/// stays off by default: a portal reached directly would otherwise let any client claim https.
/// </remarks>
public static class SecurityServiceExtensions
{
    public static IHostApplicationBuilder AddPortalSecurity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PortalOptions>()
            .Validate(options => PortalOrigin.IsValidSetting(options.PublicOrigin),
                "Portal:PublicOrigin must be an origin such as https://portal.example.org (http or https, a host, an optional port, no path).")
            .ValidateOnStart();
        builder.Services.AddSignalR().AddHubOptions<TrainingHub>(hub => hub.AddFilter<RevokedTokenHubFilter>());
        return builder;
    }

    /// <summary>First in the pipeline, so that every response, error pages and static files included, carries the headers.</summary>
    public static WebApplication UsePortalSecurity(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<SameOriginHubs>();
        return app;
    }
}
