using LibGit2Sharp;
using Portal.GitOps.Remote;

namespace Portal.GitOps;

/// <summary>Where the deploy repository lives and how the portal commits and pushes to it. Bindable from configuration.</summary>
public sealed class DeployRepositoryOptions
{
    public const string Section = "Portal:Deploy";

    /// <summary>GitHub refuses files of 100 MB and more; a little headroom keeps a push from failing on the last file.</summary>
    public const long DefaultMaxFileBytes = 95L * 1024 * 1024;

    /// <summary>
    /// The deploy remote (http, https or a local path). Null or empty: the local default, a bare repository at
    /// <see cref="LocalRemoteDirectory"/>, so that a fresh install deploys with no network. Credentials written into
    /// the URL are taken out of it and used like <see cref="UserName"/> and <see cref="Token"/>.
    /// </summary>
    public string? RemoteUrl { get; set; }

    public string Branch { get; set; } = "main";

    /// <summary>The HTTP Basic user name that goes with <see cref="Token"/>; hosts that only look at the token accept the default.</summary>
    public string? UserName { get; set; }

    /// <summary>The deploy token (HTTP Basic password). Never written to disk, logs or messages.</summary>
    public string? Token { get; set; }

    public long MaxFileBytes { get; set; } = DefaultMaxFileBytes;

    public string AuthorName { get; set; } = "Verse Portal";

    public string AuthorEmail { get; set; } = "portal@verse-portal.local";

    /// <summary>Full path of the portal's working clone (data/deploy).</summary>
    public string WorkingDirectory { get; set; } = "";

    /// <summary>Full path of the default bare remote (data/remote.git); used when <see cref="RemoteUrl"/> is empty.</summary>
    public string LocalRemoteDirectory { get; set; } = "";

    /// <summary>
    /// How long an operation waits for another process (a second portal on the same data directory) to finish with
    /// the working clone before it gives up with "try again later".
    /// </summary>
    public TimeSpan CloneWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long connecting to the remote may take before a push or a look at its tags fails with "timed out".</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the remote may stay silent once connected, per read or write: a slow push that keeps moving is never cut
    /// off, a remote that stops answering is, and the push is retried later like any other network failure.
    /// </summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromMinutes(2);

    public bool UsesLocalDefault => string.IsNullOrWhiteSpace(RemoteUrl);

    /// <summary>Every problem, in words an administrator can act on; empty when the options can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Branch) || !Reference.IsValidName("refs/heads/" + Branch))
            errors.Add($"The deploy branch \"{Branch}\" is not a valid git branch name.");
        if (MaxFileBytes <= 0)
            errors.Add("The largest file size of the deploy repository must be at least 1 byte.");
        if (string.IsNullOrWhiteSpace(AuthorName) || string.IsNullOrWhiteSpace(AuthorEmail))
            errors.Add("The deploy commits need an author name and an author e-mail.");
        if (!IsFullPath(WorkingDirectory))
            errors.Add($"The working clone's directory must be a full path (it is \"{WorkingDirectory}\").");
        if (UsesLocalDefault)
        {
            if (!IsFullPath(LocalRemoteDirectory))
                errors.Add($"With no remote URL the local remote's directory must be a full path (it is \"{LocalRemoteDirectory}\").");
            else if (IsFullPath(WorkingDirectory) && SamePath(WorkingDirectory, LocalRemoteDirectory))
                errors.Add("The working clone and the local remote must be different directories.");
        }
        else if (RemoteAddress.Problem(RemoteUrl!) is { } problem)
        {
            errors.Add(problem);
        }
        if (!string.IsNullOrEmpty(UserName) && string.IsNullOrEmpty(Token))
            errors.Add("A deploy user name was given without a token.");
        if (!IsTimeout(ConnectTimeout) || !IsTimeout(NetworkTimeout))
            errors.Add($"The deploy remote's timeouts must be more than zero and under 24 days (connect {ConnectTimeout}, network {NetworkTimeout}).");
        return errors;
    }

    private static bool IsTimeout(TimeSpan value) => value > TimeSpan.Zero && value.TotalMilliseconds <= int.MaxValue;

    private static bool IsFullPath(string? path) => !string.IsNullOrWhiteSpace(path) && Path.IsPathFullyQualified(path);

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)), StringComparison.Ordinal);
}
