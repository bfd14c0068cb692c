using LibGit2Sharp;
using Portal.Core.Versions;

namespace Portal.GitOps.Changes;

/// <summary>Applies either kind of change to an open, clean working clone; used for a first apply and for a re-apply after the remote moved.</summary>
internal sealed class ChangeApplier(DeployRepositoryOptions options, PromotionWriter promotions, RollbackWriter rollbacks)
{
    /// <summary>Refusals that need no repository: run before the repository is opened (or created).</summary>
    public void Check(DeployChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Version < 1)
            throw new DeployRefusedException("Version numbers start at 1.");
        if (change is PromotionChange promotion)
            PromotionChecks.Check(promotion, options.MaxFileBytes);
    }

    public Commit Apply(Repository repository, DeployChange change, CancellationToken cancellationToken)
    {
        Check(change);
        return change switch
        {
            PromotionChange promotion => promotions.Apply(repository, promotion, cancellationToken),
            RollbackChange rollback => rollbacks.Apply(repository, rollback, cancellationToken),
            _ => throw new ArgumentException($"{change.GetType().Name} is not a change the deploy repository knows.", nameof(change)),
        };
    }
}
