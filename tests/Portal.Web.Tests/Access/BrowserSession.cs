using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Access;

/// <summary>A browser's cookie session, signed in through the real sign-in form (antiforgery token included).</summary>
internal static class BrowserSession
{
    public static HttpClient Anonymous(PortalFactory portal, string baseAddress = "http://localhost") =>
        portal.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = new Uri(baseAddress),
        });

    public static Dictionary<string, string> LoginFields(string userName, string password, string token) => new()
    {
        ["_handler"] = "login",
        ["Input.UserName"] = userName,
        ["Input.Password"] = password,
        [FormPost.TokenField] = token,
    };

    public static async Task<HttpClient> SignInAsync(PortalFactory portal, string userName, string password, string baseAddress = "http://localhost")
    {
        var client = Anonymous(portal, baseAddress);
        try
        {
            using var response = await SignInAsync(client, userName, password);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect,
                $"Signing in {userName} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Reads the sign-in form and posts it; the caller reads the answer.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password)
    {
        var token = await FormPost.ReadTokenAsync(client, "/account/login");
        return await FormPost.SendAsync(client, "/account/login", LoginFields(userName, password, token));
    }
}
