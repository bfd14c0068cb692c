using Microsoft.Extensions.Configuration;

namespace Portal.Serving.Options;

/// <summary>What the service serves, decided once at start: one checkout (<see cref="FolderSource"/>) or a followed branch (<see cref="RepositorySource"/>).</summary>
public abstract record ServingSource
{
    /// <exception cref="ServingUsageException">Neither or both modes are set, or a setting is not valid.</exception>
    public static ServingSource From(ServingOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        var hasModel = !string.IsNullOrWhiteSpace(options.Model);
        var hasRepo = !string.IsNullOrWhiteSpace(options.Repo);
        if (hasModel == hasRepo)
            throw new ServingUsageException(hasModel
                ? "Give either --model or --repo, not both."
                : "Nothing to serve: give --model <deploy checkout> or --repo <deploy repository>.");
        if (hasModel)
            return new FolderSource(Path.GetFullPath(options.Model!));

        if (string.IsNullOrWhiteSpace(options.Branch) || !LibGit2Sharp.Reference.IsValidName("refs/heads/" + options.Branch))
            throw new ServingUsageException($"\"{options.Branch}\" is not a branch name.");
        TimeSpan interval;
        try
        {
            interval = IntervalText.Parse(options.Interval);
        }
        catch (FormatException e)
        {
            throw new ServingUsageException(e.Message);
        }
        if (string.IsNullOrWhiteSpace(options.Work))
            throw new ServingUsageException("--work needs a folder.");

        var (url, credentialsInUrl) = SplitCredentials(RepositoryAddress(options.Repo!));
        return new RepositorySource(url, options.Branch, interval, Path.GetFullPath(options.Work), GitCredentials.From(configuration) ?? credentialsInUrl);
    }

    /// <summary>
    /// https://user:token@host/... works as git users expect, but the token is taken out of the address, which is
    /// stored in the service's copy of the repository and shown in logs. The variables win over the URL.
    /// </summary>
    private static (string Url, GitCredentials? Credentials) SplitCredentials(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.IsFile || string.IsNullOrEmpty(uri.UserInfo))
            return (url, null);
        var parts = uri.UserInfo.Split(':', 2);
        var (user, token) = parts.Length == 2 ? (parts[0], parts[1]) : (GitCredentials.DefaultUser, parts[0]);
        return (RemoteUrl.Redact(url), new GitCredentials(Uri.UnescapeDataString(user), Uri.UnescapeDataString(token)));
    }

    /// <summary>A local path is made absolute, so that the fetch does not depend on the working directory; URLs stay as given.</summary>
    private static string RepositoryAddress(string repo) => Directory.Exists(repo) ? Path.GetFullPath(repo) : repo;
}
