namespace Portal.Serving.Options;

/// <summary>Repository addresses as they may be shown: a URL's user information (https://user:token@host) removed.</summary>
public static class RemoteUrl
{
    public static string Redact(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.IsFile || string.IsNullOrEmpty(uri.UserInfo))
            return url;
        return new UriBuilder(uri) { UserName = "", Password = "" }.Uri.ToString();
    }
}
