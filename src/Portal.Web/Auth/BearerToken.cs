namespace Portal.Web.Auth;

internal static class BearerToken
{
    private const string Scheme = "Bearer ";

    public static bool HasBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    public static bool TryRead(HttpRequest request, out string token)
    {
        var header = request.Headers.Authorization.ToString();
        token = header.Length > Scheme.Length && HasBearer(request) ? header[Scheme.Length..].Trim() : "";
        return token.Length > 0;
    }
}
