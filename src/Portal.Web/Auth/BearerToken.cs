namespace Portal.Web.Auth;

/// <summary>
/// The bearer token of a request: the Authorization header, or, for SignalR hubs only, the access_token query
/// parameter, because a browser's WebSocket and EventSource cannot send headers. Elsewhere a token in a URL would
/// end up in logs and browser history, so it is not accepted.
/// </summary>
internal static class BearerToken
{
    private const string Scheme = "Bearer ";
    private const string QueryParameter = "access_token";
    private static readonly PathString Hubs = new("/hubs");

    public static bool HasBearer(HttpRequest request) =>
        HasHeader(request) || FromQuery(request).Length > 0;

    public static bool TryRead(HttpRequest request, out string token)
    {
        var header = request.Headers.Authorization.ToString();
        token = HasHeader(request) ? header[Scheme.Length..].Trim() : FromQuery(request);
        return token.Length > 0;
    }

    private static bool HasHeader(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    private static string FromQuery(HttpRequest request) =>
        request.Path.StartsWithSegments(Hubs) && request.Query.TryGetValue(QueryParameter, out var value)
            ? value.ToString().Trim()
            : "";
}
