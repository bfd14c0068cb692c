using LibGit2Sharp;

namespace Portal.GitOps.Git;

/// <summary>The portal's identity on every commit and tag it writes; the promoter's name is in the message.</summary>
internal static class DeploySignature
{
    public static Signature Now(DeployRepositoryOptions options) => new(options.AuthorName, options.AuthorEmail, DateTimeOffset.Now);
}
