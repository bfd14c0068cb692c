using LibGit2Sharp;
using Portal.Core.Versions;
using Portal.GitOps.Changes;

namespace Portal.GitOps.Reconcile;

/// <summary>The version tags of the working clone, read with the files their commits hold.</summary>
internal static class LocalVersions
{
    /// <summary>Every annotated tag vN whose commit the deploy branch holds, oldest first; standing still Unknown.</summary>
    public static IReadOnlyList<CommittedVersion> OnBranch(Repository repository)
    {
        var versions = new List<CommittedVersion>();
        foreach (var tag in repository.Tags)
        {
            if (!VersionTag.TryParse(tag.FriendlyName, out var number) || tag.PeeledTarget is not Commit commit || !VersionTags.IsOnBranch(repository, commit))
                continue;
            var (manifest, problem) = ReadManifest(commit);
            versions.Add(new CommittedVersion(number, commit.Sha, commit.Message, commit.Committer.When, tag.Annotation?.Message ?? "",
                manifest, problem, RemoteStanding.Unknown));
        }
        return versions.OrderBy(v => v.Number).ToList();
    }

    /// <summary>Tags vN on a commit the branch never held: what a process killed between writing the tag and moving the branch leaves.</summary>
    public static IReadOnlyList<string> RemoveDangling(Repository repository)
    {
        var dangling = repository.Tags
            .Where(tag => VersionTag.TryParse(tag.FriendlyName, out _) && tag.PeeledTarget is Commit commit && !VersionTags.IsOnBranch(repository, commit))
            .Select(tag => tag.FriendlyName)
            .ToList();
        foreach (var name in dangling)
            repository.Tags.Remove(name);
        return dangling;
    }

    private static (VersionManifest? Manifest, string? Problem) ReadManifest(Commit commit)
    {
        if (commit[VersionManifest.FileName]?.Target is not Blob blob)
            return (null, $"{VersionManifest.FileName} is missing.");
        try
        {
            return (ManifestJson.Parse(blob.GetContentText()), null);
        }
        catch (FormatException e)
        {
            return (null, e.Message);
        }
    }
}
