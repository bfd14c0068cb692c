using System.Net;
using System.Text.RegularExpressions;

namespace Portal.Web.Tests.Access;

/// <summary>What a browser does with the portal's server-rendered forms: reads the page, then posts its fields back.</summary>
internal static partial class FormPost
{
    public const string TokenField = "__RequestVerificationToken";

    /// <summary>The antiforgery token of the form on <paramref name="path"/>; the client keeps the matching cookie.</summary>
    public static async Task<string> ReadTokenAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}.");
        return await ReadTokenAsync(response);
    }

    /// <summary>The antiforgery token of the form in a page already fetched.</summary>
    public static async Task<string> ReadTokenAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var path = response.RequestMessage?.RequestUri?.AbsolutePath;
        var input = TokenInput().Match(html);
        Assert.True(input.Success, $"GET {path} has no antiforgery token field.");
        var value = ValueAttribute().Match(input.Value);
        Assert.True(value.Success, $"The antiforgery field of {path} has no value.");
        return WebUtility.HtmlDecode(value.Groups[1].Value);
    }

    public static Task<HttpResponseMessage> SendAsync(HttpClient client, string path, IEnumerable<KeyValuePair<string, string>> fields) =>
        client.PostAsync(path, new FormUrlEncodedContent(fields));

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*>")]
    private static partial Regex TokenInput();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();
}
