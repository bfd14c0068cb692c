namespace Portal.Serving.Options;

/// <summary>
/// --repo: the branch of the deploy repository to follow, how often to look, and where to keep the files.
/// <see cref="Url"/> never holds credentials; they are in <see cref="Credentials"/>.
/// </summary>
public sealed record RepositorySource(string Url, string Branch, TimeSpan Interval, string WorkDirectory, GitCredentials? Credentials) : ServingSource
{
    /// <summary>Never shows the credentials.</summary>
    public override string ToString() => $"{Url} ({Branch})";
}
