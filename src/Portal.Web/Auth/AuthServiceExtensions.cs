using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Portal.Core.Access;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Web.Options;

namespace Portal.Web.Auth;

public static class AuthServiceExtensions
{
    public const string PortalScheme = "Portal";
    public const string AdminPolicy = "Admin";

    /// <summary>Workers on other machines: the hub's worker methods and /api/worker.</summary>
    public const string WorkerPolicy = "Worker";

    /// <summary>Who may connect to the training hub at all; each method then checks which side the caller is on.</summary>
    public const string TrainingHubPolicy = "TrainingHub";

    /// <summary>
    /// Identity cookies for the browser and bearer tokens for scripts, behind one policy scheme that picks by the
    /// request's Authorization header. API paths answer 401/403 instead of redirecting to the sign-in page.
    /// </summary>
    public static IHostApplicationBuilder AddPortalAuth(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(BootstrapOptions.From(builder.Configuration));
        services.AddSingleton<SetupState>();
        services.AddSingleton<AccountBootstrapper>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = PortalScheme;
                options.DefaultChallengeScheme = PortalScheme;
            })
            .AddPolicyScheme(PortalScheme, "Cookie or API token", options =>
                options.ForwardDefaultSelector = context =>
                    BearerToken.HasBearer(context.Request) ? ApiTokenAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/login";
            cookie.LogoutPath = "/account/logout";
            cookie.AccessDeniedPath = "/account/denied";
            cookie.Cookie.Name = "verse_portal";
            cookie.Cookie.HttpOnly = true;
            // Lax, not Strict: a writer who follows a link to the portal from mail or chat (a cross-site navigation)
            // arrives signed in. Cross-site POSTs, frames and fetches still go without the cookie.
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            // Secure on every https request, including https ended at a trusted proxy (see SecurityServiceExtensions).
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromDays(14);
            cookie.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
        });

        // The antiforgery cookie only has to reach the portal's own form posts, so it can be Strict; its default
        // SecurePolicy (None) would leave it without Secure even over https.
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.HttpOnly = true;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddIdentityCore<PortalUser>(identity =>
            {
                identity.Password.RequiredLength = 8;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireDigit = false;
                identity.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@+";
                identity.Lockout.MaxFailedAccessAttempts = 10;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        // The default ([Authorize], RequireAuthorization()) is a person, writer or admin: a worker token signs in
        // but holds neither role, so every page and every API endpoint other than the worker's own refuses it.
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(Roles.Writer, Roles.Admin).Build())
            .AddPolicy(AdminPolicy, policy => policy.RequireRole(Roles.Admin))
            .AddPolicy(WorkerPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Worker))
            .AddPolicy(TrainingHubPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Writer, Roles.Admin, Roles.Worker))
            .SetFallbackPolicy(null);
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();
        return builder;
    }

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        // Scripts and workers (the API, SignalR hubs) need the status code; only pages send a browser to sign in.
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
