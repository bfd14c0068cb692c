using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Web.Tests.Access;

/// <summary>Every kind of response carries the browser protections: pages, redirects, the API, hubs, static files, errors.</summary>
public sealed partial class SecurityHeaderTests(AccessPortal portal) : IClassFixture<AccessPortal>
{
    public static TheoryData<string, string, Identity> Responses => new()
    {
        { "GET", "/account/login", Identity.Anonymous },
        { "GET", "/verses", Identity.Anonymous },
        { "GET", "/verses", Identity.Writer },
        { "GET", "/admin/users", Identity.Admin },
        { "GET", "/no-such-page", Identity.Writer },
        { "GET", "/api/verses", Identity.Admin },
        { "GET", "/api/verses", Identity.Anonymous },
        { "GET", "/api/versions/999999", Identity.Admin },
        { "POST", "/hubs/training/negotiate?negotiateVersion=1", Identity.Admin },
        { "POST", "/_blazor/negotiate?negotiateVersion=1", Identity.Anonymous },
        { "GET", "/portal.css", Identity.Anonymous },
        { "GET", "/favicon.svg", Identity.Anonymous },
        { "GET", "/_content/MudBlazor/MudBlazor.min.css", Identity.Anonymous },
        { "GET", "/_framework/blazor.web.js", Identity.Anonymous },
        { "GET", "/healthz", Identity.Anonymous },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task EveryResponseCarriesTheSecurityHeaders(string method, string path, Identity identity)
    {
        var client = await portal.BrowserAsync(identity);

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        var policy = Directives(Header(response, "Content-Security-Policy"));
        Assert.Equal("'self'", policy["default-src"]);
        Assert.Equal("'none'", policy["frame-ancestors"]);
        Assert.Equal("'none'", policy["object-src"]);
        Assert.Equal("'self'", policy["base-uri"]);
        Assert.Equal("'self'", policy["form-action"]);
        Assert.Equal("'self'", policy["connect-src"]);
        Assert.StartsWith("'self'", policy["script-src"], StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy["script-src"], StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
    }

    [Theory]
    [InlineData("/account/login", Identity.Anonymous)]
    [InlineData("/verses", Identity.Writer)]
    [InlineData("/admin/training", Identity.Admin)]
    public async Task APagesOnlyInlineScriptIsTheImportMapThePolicyAllowsByItsHash(string path, Identity identity)
    {
        var client = await portal.BrowserAsync(identity);

        using var response = await client.GetAsync(path);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var inline = InlineScript().Matches(html).Select(m => (Type: m.Groups["type"].Value, Text: m.Groups["text"].Value)).ToList();
        var importMap = Assert.Single(inline);
        Assert.Equal("importmap", importMap.Type);
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(importMap.Text)));
        Assert.Equal($"'self' 'sha256-{hash}'", Directives(Header(response, "Content-Security-Policy"))["script-src"]);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? Assert.Single(values)
            : throw new Xunit.Sdk.XunitException($"{(int)response.StatusCode} {response.RequestMessage?.RequestUri} has no {name} header.");

    private static Dictionary<string, string> Directives(string policy) => policy
        .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(directive => directive.Split(' ', 2))
        .ToDictionary(parts => parts[0], parts => parts.Length > 1 ? parts[1] : "");

    // A <script> with no src attribute: its text runs inline, so the policy must name it.
    [GeneratedRegex("<script(?![^>]*\\ssrc=)(?:[^>]*\\stype=\"(?<type>[^\"]*)\")?[^>]*>(?<text>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScript();
}
