using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Portal.Core.Access;
using Portal.Data.Tokens;

namespace Portal.Web.Auth;

/// <summary>
/// "Authorization: Bearer &lt;token&gt;" for scripts and CI. An API token stands for its owner with the owner's current
/// roles, so that demoting or locking out a user takes effect on their tokens at once. A worker token stands for no
/// user: it carries the Worker role only, which opens the training hub's worker methods and the worker file
/// endpoints and nothing else.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenStore tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string TokenIdClaim = "portal:token_id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!BearerToken.TryRead(Request, out var secret))
            return AuthenticateResult.NoResult();

        var account = await tokens.AuthenticateAsync(secret, Context.RequestAborted);
        if (account is null)
            return AuthenticateResult.Fail("The API token is unknown or revoked.");
        var owner = account.Token;
        if (owner.IsWorker && FromBrowser(Request))
            return AuthenticateResult.Fail("A worker token is not accepted from a browser.");
        if (owner.IsWorker)
            return AuthenticateResult.Success(new AuthenticationTicket(WorkerPrincipal(owner), SchemeName));
        if (account.UserName is not { } userName || !account.CanSignIn)
            return AuthenticateResult.Fail("The API token's owner cannot sign in.");
        return AuthenticateResult.Success(new AuthenticationTicket(UserPrincipal(owner, userName, account.Roles), SchemeName));
    }

    /// <summary>
    /// The owner's id, name and current roles: all that authorisation and the endpoints read from a request's user.
    /// Built here rather than by Identity's principal factory, which reads the same in several queries on every call
    /// and adds the security stamp and e-mail, which only the sign-in cookie uses.
    /// </summary>
    private static ClaimsPrincipal UserPrincipal(ApiTokenOwner owner, string userName, IReadOnlyList<string> roles)
    {
        var identity = new ClaimsIdentity(SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, owner.UserId));
        identity.AddClaim(new Claim(ClaimTypes.Name, userName));
        foreach (var role in roles)
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        identity.AddClaim(new Claim(TokenIdClaim, owner.TokenId.ToString(CultureInfo.InvariantCulture)));
        return new ClaimsPrincipal(identity);
    }

    /// <summary>
    /// A worker token belongs in a worker process, never in a page: a leaked one pasted into a page (or a site that
    /// got hold of it) is refused. Browsers name the page's origin (Origin) or the kind of fetch (Sec-Fetch-Site) on
    /// their requests and scripts cannot remove either; the worker's .NET client sends neither.
    /// </summary>
    private static bool FromBrowser(HttpRequest request) =>
        request.Headers.ContainsKey("Origin") || request.Headers.ContainsKey("Sec-Fetch-Site");

    private static ClaimsPrincipal WorkerPrincipal(ApiTokenOwner owner)
    {
        var identity = new ClaimsIdentity(SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, $"worker:{owner.Name}"));
        identity.AddClaim(new Claim(ClaimTypes.Role, Roles.Worker));
        identity.AddClaim(new Claim(TokenIdClaim, owner.TokenId.ToString(CultureInfo.InvariantCulture)));
        return new ClaimsPrincipal(identity);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
