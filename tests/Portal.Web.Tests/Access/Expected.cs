namespace Portal.Web.Tests.Access;

/// <summary>
/// What one identity gets from one call: a status, for a redirect the path it leads to, and for answers that pass
/// the access check but refuse on the merits (404 for a version that does not exist) a phrase of the body, so that
/// such an answer cannot be mistaken for a route that never matched.
/// </summary>
public sealed record Expected(int Status, string? RedirectTo = null, string? BodyContains = null)
{
    public const string SignIn = "/account/login";
    public const string Denied = "/account/denied";

    public override string ToString() =>
        RedirectTo is not null ? $"{Status} to {RedirectTo}" : BodyContains is not null ? $"{Status} saying \"{BodyContains}\"" : $"{Status}";
}

/// <summary>Who gets what, written once for each kind of access rule.</summary>
public static class Rule
{
    /// <summary>Writers and admins; a worker token is forbidden; no or a revoked token is unauthenticated.</summary>
    public static Func<Identity, Expected> People(int status, string? body = null) => identity => identity switch
    {
        Identity.Anonymous or Identity.RevokedToken => new(401),
        Identity.Worker => new(403),
        _ => new(status, BodyContains: body),
    };

    /// <summary>The owner and admins; another writer is forbidden.</summary>
    public static Func<Identity, Expected> OwnerOrAdmin(int status) => identity => identity == Identity.OtherWriter
        ? new(403)
        : People(status)(identity);

    public static Func<Identity, Expected> AdminOnly(int status, string? body = null) => identity => identity is Identity.Writer or Identity.OtherWriter
        ? new(403)
        : People(status, body)(identity);

    /// <summary>Worker tokens only: people are forbidden.</summary>
    public static Func<Identity, Expected> Workers(int status, string? body = null) => identity => identity switch
    {
        Identity.Anonymous or Identity.RevokedToken => new(401),
        Identity.Worker => new(status, BodyContains: body),
        _ => new(403),
    };

    public static Func<Identity, Expected> Everyone(int status, string? redirectTo = null) => _ => new(status, redirectTo);

    /// <summary>A page for writers and admins: a browser without a session is sent to sign in.</summary>
    public static Func<Identity, Expected> PersonPage(int status) => identity => identity switch
    {
        Identity.Anonymous => new(302, Expected.SignIn),
        Identity.RevokedToken => new(401),
        Identity.Worker => new(403),
        _ => new(status),
    };

    /// <summary>An admin page: a writer's session is sent to the access-denied page.</summary>
    public static Func<Identity, Expected> AdminPage(int status) => identity => identity is Identity.Writer or Identity.OtherWriter
        ? new(302, Expected.Denied)
        : PersonPage(status)(identity);

    /// <summary>
    /// A form post to a page without the form's antiforgery token. A caller the page refuses is refused as on a GET
    /// (a browser session redirected to sign in or to the access-denied page, a token 401/403); a caller it admits
    /// gets 400 for the missing token. Either way the page's form handler never runs.
    /// </summary>
    public static Func<Identity, Expected> FormPostWithoutToken(Func<Identity, Expected> page) => identity =>
        page(identity) is { Status: 302 or 401 or 403 } refused ? refused : new(400);
}
