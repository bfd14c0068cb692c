namespace Portal.Web.Options;

/// <summary>
/// Settings under "Portal:Deploy": where promoted versions are pushed and which serving apps report what they serve.
/// A class with no ToString of its own, so that the token can never end up in a log line by way of the options.
/// </summary>
public sealed class DeployOptions
{
    public const string Section = "Portal:Deploy";

    /// <summary>Read when <see cref="Token"/> is not set: the name hosts and CI use for secrets.</summary>
    public const string TokenVariable = "PORTAL_DEPLOY_TOKEN";

    /// <summary>The deploy remote (https or a path). Unset: the local bare repository remote.git in the data directory,
    /// so that a fresh install promotes and rolls back with no network.</summary>
    public string? RemoteUrl { get; set; }

    public string Branch { get; set; } = "main";

    /// <summary>The user name for the remote's Basic auth (GitHub accepts any name with a token).</summary>
    public string? UserName { get; set; }

    /// <summary>Configuration or environment only; never shown, logged or put into a message.</summary>
    public string? Token { get; set; }

    /// <summary>The largest file a commit may carry: GitHub refuses files over 100 MB, so the default stays below it.</summary>
    public int MaxFileMegabytes { get; set; } = 95;

    public string AuthorName { get; set; } = "Verse Portal";

    public string AuthorEmail { get; set; } = "portal@verse-portal.local";

    /// <summary>Base URLs of deployed serving apps; each is asked GET {url}/version.</summary>
    public string[] ServingEndpoints { get; set; } = [];

    public int ServingPollSeconds { get; set; } = 15;

    /// <summary>How long connecting to the deploy remote may take.</summary>
    public int ConnectTimeoutSeconds { get; set; } = 30;

    /// <summary>How long the deploy remote may stay silent in the middle of a push or fetch before it is given up for now.</summary>
    public int NetworkTimeoutSeconds { get; set; } = 120;

    public long MaxFileBytes => MaxFileMegabytes * 1024L * 1024L;

    /// <summary>The portal's working clone of the deploy repository.</summary>
    public static string WorkingDirectory(string dataDirectory) => Path.Combine(dataDirectory, "deploy");

    /// <summary>The default remote when <see cref="RemoteUrl"/> is unset.</summary>
    public static string LocalRemoteDirectory(string dataDirectory) => Path.Combine(dataDirectory, "remote.git");

    /// <summary>The token from the options, else from <see cref="TokenVariable"/>; null when neither is set.</summary>
    public string? ResolveToken(IConfiguration? configuration)
    {
        var token = string.IsNullOrWhiteSpace(Token) ? configuration?[TokenVariable] : Token;
        return string.IsNullOrWhiteSpace(token) ? null : token.Trim();
    }
}
