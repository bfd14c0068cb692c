using System.Text.RegularExpressions;

namespace Portal.GitOps.Remote;

/// <summary>
/// Takes the deploy token and any URL credentials out of text that leaves the deploy repository: messages from
/// libgit2 and from servers, exception messages, log lines. libgit2 quotes URLs and server replies verbatim, so
/// everything it says passes through here before anyone sees it.
/// </summary>
internal sealed partial class SecretScrubber
{
    public const string Mask = "***";

    private readonly string[] secrets;

    public SecretScrubber(IEnumerable<string?> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        // Escaped forms too (a token with '/' or '+' appears escaped inside a URL); longest first, so that a secret
        // that contains another is masked whole.
        this.secrets = secrets
            .Where(s => !string.IsNullOrEmpty(s))
            .SelectMany(s => new[] { s!, Uri.EscapeDataString(s!) })
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)
            .ToArray();
    }

    public static SecretScrubber For(DeployRepositoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (_, user, password) = string.IsNullOrWhiteSpace(options.RemoteUrl) ? ("", null, null) : RemoteAddress.SplitUserInfo(options.RemoteUrl);
        return new([options.Token, password, password is null ? null : user + ":" + password]);
    }

    public string Scrub(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var scrubbed = UrlUserInfo().Replace(text, "");
        foreach (var secret in secrets)
            scrubbed = scrubbed.Replace(secret, Mask, StringComparison.Ordinal);
        return scrubbed;
    }

    /// <summary>The "user:password@" of any URL in a text.</summary>
    [GeneratedRegex(@"(?<=\b[A-Za-z][A-Za-z0-9+.\-]*://)[^/\s@?#]+@")]
    private static partial Regex UrlUserInfo();
}
