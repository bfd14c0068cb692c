using Portal.Core.Versions;
using Portal.GitOps.Reconcile;

namespace Portal.GitOps;

/// <summary>
/// What the working clone holds, after it was brought back to a clean state, and what the remote says about each
/// version: the portal's version records are checked against this.
/// </summary>
/// <param name="Versions">Every version tag on the deploy branch, oldest first.</param>
/// <param name="RemoteProblem">Why the remote could not be asked (every standing is then Unknown); null when it answered or was not asked.</param>
public sealed record DeployInventory(IReadOnlyList<CommittedVersion> Versions, CloneRepairs Repairs, DeployProblem? RemoteProblem)
{
    public static DeployInventory Empty { get; } = new([], CloneRepairs.None, null);
}

/// <summary>
/// A version tag vN on the branch: its commit, the commit's message and time, the tag's message, and its manifest.json
/// (null, with the reason in <paramref name="ManifestProblem"/>, when the commit has none that parses).
/// </summary>
public sealed record CommittedVersion(
    int Number, string CommitSha, string Message, DateTimeOffset CommittedAt, string TagMessage, VersionManifest? Manifest, string? ManifestProblem,
    RemoteStanding OnRemote)
{
    public string Tag => VersionTag.Of(Number);

    /// <summary>The version this one rolled back to, from the sentence a rollback's tag carries; null for a promotion.</summary>
    public int? RollbackOf => RollbackTarget.Parse(TagMessage);
}

/// <summary>Whether the remote has a version's tag.</summary>
public enum RemoteStanding
{
    /// <summary>The remote was not asked or did not answer.</summary>
    Unknown,

    /// <summary>The remote has no such tag: the version is committed, not pushed.</summary>
    Missing,

    /// <summary>The remote's tag is this very tag object: the version is pushed.</summary>
    Present,

    /// <summary>The remote has a tag of that name that is another object (someone else's vN): a person must decide.</summary>
    Conflict,
}

/// <summary>What a stopped process had left in the working clone and was cleared: git locks, uncommitted files, tags on no branch commit.</summary>
public sealed record CloneRepairs(int LocksRemoved, int FilesDiscarded, IReadOnlyList<string> TagsRemoved)
{
    public static CloneRepairs None { get; } = new(0, 0, []);

    public bool Any => LocksRemoved > 0 || FilesDiscarded > 0 || TagsRemoved.Count > 0;
}
