namespace Portal.Core.Versions;

/// <summary>
/// The portal's working clone of the deploy repository. Every call is serialised by the implementation (libgit2
/// objects are not thread-safe). Remote credentials never appear in results, messages or exceptions.
/// </summary>
public interface IDeployRepository
{
    /// <summary>Commits and tags the change locally (initialising the repository from the templates on first use).</summary>
    /// <exception cref="DeployRefusedException">Nothing was committed: a file is over the size limit, vK does not exist, or the tag is taken.</exception>
    Task<DeployCommit> ApplyAsync(DeployChange change, CancellationToken cancellationToken = default);

    /// <summary>
    /// Pushes the branch and the change's tag. A remote that moved ahead is fetched and the change applied again on
    /// top (the commit then changes: see <see cref="PushResult.CommitSha"/>). Failures are results, not exceptions.
    /// </summary>
    Task<PushResult> PushAsync(DeployChange change, CancellationToken cancellationToken = default);

    /// <summary>A file of the commit tagged vN (MODEL_CARD.md, VERSION_LOG.md, manifest.json), or null when absent.</summary>
    Task<string?> ReadFileAsync(int version, string path, CancellationToken cancellationToken = default);

    /// <summary>Writes the files under model/ of the commit tagged vN into <paramref name="targetFolder"/> (for downloads).</summary>
    Task ExportModelAsync(int version, string targetFolder, CancellationToken cancellationToken = default);

    /// <summary>The configured remote and branch for display, with any credentials removed from the URL.</summary>
    DeployRemoteInfo Remote { get; }
}

public sealed record DeployCommit(int Version, string CommitSha, string Tag);

/// <summary>The outcome of one push. <paramref name="Reapplied"/>: the remote had moved and the change was applied again on top.</summary>
public sealed record PushResult(bool Pushed, string CommitSha, string? Error, bool Reapplied = false);

public sealed record DeployRemoteInfo(string Url, string Branch, bool IsLocalDefault);

/// <summary>A change the deploy repository refuses before committing anything; the message is for the user.</summary>
public sealed class DeployRefusedException(string message) : Exception(message);
