namespace Portal.GitOps.Remote;

/// <summary>
/// The deploy remote as the portal uses it: a URL without credentials (what .git/config, logs and pages see) and the
/// credentials, which only ever reach libgit2 through the credentials callback.
/// </summary>
internal sealed record RemoteAddress(string Url, bool IsLocalDefault, string? UserName, string? Password)
{
    /// <summary>GitHub, GitLab and Gitea accept a token under any user name; this is the one GitHub documents.</summary>
    public const string TokenUserName = "x-access-token";

    public bool HasCredentials => Password is not null;

    public static RemoteAddress From(DeployRepositoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.UsesLocalDefault)
            return new(Path.GetFullPath(options.LocalRemoteDirectory), true, null, null);

        var (url, urlUser, urlPassword) = SplitUserInfo(options.RemoteUrl!.Trim());
        if (!string.IsNullOrEmpty(options.Token))
            return new(url, false, string.IsNullOrEmpty(options.UserName) ? TokenUserName : options.UserName, options.Token);
        return urlPassword is null ? new(url, false, null, null) : new(url, false, string.IsNullOrEmpty(urlUser) ? TokenUserName : urlUser, urlPassword);
    }

    /// <summary>Why a configured remote URL cannot be used, or null.</summary>
    public static string? Problem(string remoteUrl)
    {
        var trimmed = remoteUrl.Trim();
        if (!trimmed.Contains("://", StringComparison.Ordinal))
            return Path.IsPathFullyQualified(trimmed) ? null : "The deploy remote must be an http(s) URL or a full local path (SSH remotes are not supported).";
        var (url, _, _) = SplitUserInfo(trimmed);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https" or "file"))
            return "The deploy remote must be an http(s) URL or a full local path (SSH remotes are not supported).";
        return null;
    }

    /// <summary>Takes "user:password@" out of a URL; the user name and password come back unescaped.</summary>
    public static (string Url, string? User, string? Password) SplitUserInfo(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
            return (url, null, null);
        var authorityStart = schemeEnd + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        if (authorityEnd < 0)
            authorityEnd = url.Length;
        // The last '@' of the authority ends the user info: a password may itself hold an escaped or bare '@'.
        var at = url.LastIndexOf('@', authorityEnd - 1, authorityEnd - authorityStart);
        if (at < 0)
            return (url, null, null);

        var userInfo = url[authorityStart..at];
        var clean = url[..authorityStart] + url[(at + 1)..];
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? (clean, Uri.UnescapeDataString(userInfo), null)
            : (clean, Uri.UnescapeDataString(userInfo[..colon]), Uri.UnescapeDataString(userInfo[(colon + 1)..]));
    }
}
