using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Data.Entities;
using Portal.Data.Tokens;

namespace Portal.Web.Auth;

/// <summary>
/// "Authorization: Bearer &lt;token&gt;" for scripts and CI. The token stands for its owner with the owner's current
/// roles, so that demoting or locking out a user takes effect on their tokens at once.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenStore tokens,
    UserManager<PortalUser> users,
    IUserClaimsPrincipalFactory<PortalUser> principals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string TokenIdClaim = "portal:token_id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!BearerToken.TryRead(Request, out var secret))
            return AuthenticateResult.NoResult();

        var owner = await tokens.ValidateAsync(secret, Context.RequestAborted);
        if (owner is null)
            return AuthenticateResult.Fail("The API token is unknown or revoked.");

        var user = await users.FindByIdAsync(owner.UserId);
        if (user is null || await users.IsLockedOutAsync(user))
            return AuthenticateResult.Fail("The API token's owner cannot sign in.");

        var principal = await principals.CreateAsync(user);
        var identity = new ClaimsIdentity(principal.Claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(TokenIdClaim, owner.TokenId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
