namespace Portal.Core.Versions;

/// <summary>
/// One version's change to the deploy repository, kept whole so that it can be applied again on top of a remote
/// that moved ahead (never a force push). Applying it makes one commit and the annotated tag <c>vN</c>.
/// </summary>
public abstract record DeployChange(int Version, string Author, string Message)
{
    public string Tag => VersionTag.Of(Version);
}

/// <summary>
/// Promote a candidate: model/ replaced by the files of <paramref name="ModelFolder"/>, manifest.json, MODEL_CARD.md
/// written, <paramref name="VersionLogEntry"/> put on top of VERSION_LOG.md.
/// </summary>
public sealed record PromotionChange(
    int Version, string Author, string Message, string ModelFolder, VersionManifest Manifest, string ModelCard, string VersionLogEntry)
    : DeployChange(Version, Author, Message);

/// <summary>Roll back: a commit whose tree equals the tree of <paramref name="TargetVersion"/>'s tag.</summary>
public sealed record RollbackChange(int Version, string Author, string Message, int TargetVersion)
    : DeployChange(Version, Author, Message);
