using LibGit2Sharp;
using Microsoft.Extensions.Logging;

namespace Portal.GitOps.Git;

/// <summary>
/// Puts the working clone back on the deploy branch with nothing pending before an operation starts. A process killed
/// while writing a change leaves files or a staged index behind; the next commit would otherwise pick them up.
/// </summary>
internal static class InterruptedChangeCleanup
{
    /// <summary>Returns how many changed or stray files were discarded.</summary>
    public static int Run(Repository repository, string branch, ILogger logger)
    {
        EnsureOnBranch(repository, branch, logger);
        var changes = WorkingTree.Changes(repository);
        if (changes == 0)
            return 0;
        logger.LogWarning("The deploy repository's working clone held {Count} changed or stray files from an interrupted operation; discarding them", changes);
        WorkingTree.Restore(repository);
        return changes;
    }

    /// <summary>A changed Branch setting, or a person who checked something else out: commits must land on the configured branch.</summary>
    private static void EnsureOnBranch(Repository repository, string branch, ILogger logger)
    {
        var canonical = "refs/heads/" + branch;
        if (repository.Head.CanonicalName == canonical || repository.Head.Tip is null)
            return;
        var target = repository.Branches[branch] ?? repository.CreateBranch(branch, repository.Head.Tip);
        logger.LogWarning("The deploy repository's working clone was on {Current}; switching to {Branch}", repository.Head.FriendlyName, branch);
        Commands.Checkout(repository, target, new CheckoutOptions { CheckoutModifiers = CheckoutModifiers.Force });
    }
}
