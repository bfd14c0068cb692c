namespace Portal.Web.Components.Pages.Account;

/// <summary>Return URLs come from the query string: only same-site paths are followed, never another host.</summary>
internal static class LocalUrl
{
    public static string OrHome(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/verses";
}
