using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Portal.Data.Entities;

namespace Portal.Web.Auth;

internal static class AccountEndpoints
{
    /// <summary>Sign-out is a POST with an antiforgery token, so that a link on another site cannot sign a writer out.</summary>
    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        app.MapPost("/account/logout", async ([FromForm] string? returnUrl, SignInManager<PortalUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        });
        return app;
    }
}
