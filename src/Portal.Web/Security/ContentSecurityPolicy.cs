using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace Portal.Web.Security;

/// <summary>
/// What a page of the portal may load: only its own files, its own circuit (connect-src 'self' covers ws: and wss:
/// to the same host), no plugins, no framing, no foreign form targets. Styles need 'unsafe-inline' because
/// MudBlazor writes style attributes and a &lt;style&gt; element of theme variables into the markup. Scripts stay
/// 'self' with one exception: the inline import map that Blazor's &lt;ImportMap /&gt; writes into every page, allowed by
/// the SHA-256 of exactly its text. That text lists the build's fingerprinted files, so the hash is computed here from
/// the same definition the component renders (the page endpoint's ImportMapDefinition), not written down.
/// </summary>
internal static class ContentSecurityPolicy
{
    private const string Fixed =
        "default-src 'self'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "font-src 'self' data:; " +
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    private const string WithoutImportMap = Fixed + "; script-src 'self'";

    // Every page endpoint of a build shares one definition; its hash is worth computing once.
    private static readonly ConditionalWeakTable<ImportMapDefinition, string> WithImportMap = new();

    /// <summary>The policy for a response to a request that reached <paramref name="endpoint"/> (null: none).</summary>
    public static string For(Endpoint? endpoint) =>
        endpoint?.Metadata.GetMetadata<ImportMapDefinition>() is { } importMap
            ? WithImportMap.GetValue(importMap, Build)
            : WithoutImportMap;

    private static string Build(ImportMapDefinition importMap)
    {
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(importMap.ToString())));
        return $"{Fixed}; script-src 'self' 'sha256-{hash}'";
    }
}
