using System.Security.Claims;
using Portal.Core.Access;

namespace Portal.Web.Auth;

public static class ActorExtensions
{
    /// <summary>The acting user, from the cookie or the API token; null for anonymous requests.</summary>
    public static Actor? ToActor(this ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (principal.Identity?.IsAuthenticated != true || string.IsNullOrEmpty(id))
            return null;
        return new Actor(id, principal.Identity.Name ?? id, principal.IsInRole(Roles.Admin));
    }

    public static Actor RequireActor(this ClaimsPrincipal principal) =>
        principal.ToActor() ?? throw new InvalidOperationException("This action needs a signed-in user; the endpoint is missing its authorisation requirement.");
}
