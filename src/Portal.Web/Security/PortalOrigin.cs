namespace Portal.Web.Security;

/// <summary>
/// The portal's own origin (scheme, host and port) and whether a browser's Origin header names it. Configured with
/// Portal:PublicOrigin (the address people type, e.g. https://portal.example.org); unset, it is the request's own
/// scheme and host, which is right for direct access and, with forwarded headers trusted, behind a TLS proxy.
/// </summary>
internal static class PortalOrigin
{
    /// <summary>Whether <paramref name="setting"/> is usable as Portal:PublicOrigin: empty, or an http(s) origin with no path.</summary>
    public static bool IsValidSetting(string? setting) =>
        string.IsNullOrWhiteSpace(setting) || TryParse(setting.Trim().TrimEnd('/'), out _);

    public static bool IsPortals(string origin, HttpRequest request, string? publicOrigin)
    {
        if (!TryParse(origin, out var browser))
            return false;
        var ownText = string.IsNullOrWhiteSpace(publicOrigin) ? $"{request.Scheme}://{request.Host.Value}" : publicOrigin.Trim().TrimEnd('/');
        if (!Uri.TryCreate(ownText, UriKind.Absolute, out var own))
            return false;
        return string.Equals(browser.Scheme, own.Scheme, StringComparison.OrdinalIgnoreCase)
               && string.Equals(browser.IdnHost, own.IdnHost, StringComparison.OrdinalIgnoreCase)
               && browser.Port == own.Port;
    }

    // An origin is scheme://host[:port] and nothing more; "null" (sandboxed frames, file: pages) is no one's origin.
    private static bool TryParse(string value, out Uri origin) =>
        Uri.TryCreate(value, UriKind.Absolute, out origin!)
        && (origin.Scheme == Uri.UriSchemeHttp || origin.Scheme == Uri.UriSchemeHttps)
        && origin.AbsolutePath == "/" && origin.Query.Length == 0 && origin.Fragment.Length == 0
        && origin.UserInfo.Length == 0
        && !value.EndsWith('/');
}
