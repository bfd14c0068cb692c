using System.Net;
using Microsoft.Net.Http.Headers;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Access;

/// <summary>
/// Signs the admin in by hand, keeping each Set-Cookie header as the server wrote it (a cookie jar would hide the
/// attributes, and would not send a Secure cookie back over the test's plain-http connection).
/// </summary>
internal static class CookieCapture
{
    public const string SignInCookie = "verse_portal";
    public const string AntiforgeryPrefix = ".AspNetCore.Antiforgery.";

    /// <summary>The antiforgery cookie of the sign-in form and the sign-in cookie, from a client that keeps no cookies.</summary>
    public static async Task<(SetCookieHeaderValue Antiforgery, SetCookieHeaderValue SignIn)> SignInAsync(HttpClient client)
    {
        using var form = await client.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var antiforgery = Single(form, c => c.Name.Value!.StartsWith(AntiforgeryPrefix, StringComparison.Ordinal));
        var token = await FormPost.ReadTokenAsync(form);

        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(BrowserSession.LoginFields(PortalFactory.AdminUser, PortalFactory.AdminPassword, token)),
        };
        post.Headers.Add("Cookie", $"{antiforgery.Name}={antiforgery.Value}");
        using var signedIn = await client.SendAsync(post);
        Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect, $"Signing in answered {(int)signedIn.StatusCode}.");
        return (antiforgery, Single(signedIn, c => c.Name == SignInCookie));
    }

    private static SetCookieHeaderValue Single(HttpResponseMessage response, Func<SetCookieHeaderValue, bool> which)
    {
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? SetCookieHeaderValue.ParseList(values.ToList()) : [];
        return Assert.Single(cookies, c => which(c));
    }
}
