using Portal.GitOps;

namespace Portal.Web.Services.Versions.Reconcile;

/// <summary>
/// How the last reconcile of the version records against the deploy repository went, written at its end whatever
/// happened: what it repaired, restored, corrected and pushed, and the problems left, each saying whether the portal
/// tries again by itself or a person must act.
/// </summary>
/// <param name="RemoteChecked">The remote was asked which versions it has (and answered).</param>
/// <param name="Restored">Versions committed in the repository whose record was missing and was made again from their manifest.</param>
/// <param name="Corrected">Records whose push state or commit disagreed with the repository or the remote.</param>
/// <param name="Pushed">Versions that were committed, not pushed, and are pushed now.</param>
public sealed record DeployReconcileStatus(
    DateTimeOffset At, bool RemoteChecked, CloneRepairs Repairs, int Restored, int Corrected, int Pushed, IReadOnlyList<DeployProblem> Problems)
{
    public bool Healthy => Problems.Count == 0;

    /// <summary>NeedsPerson when any problem needs one; RetryLater when every problem may clear by itself; null when healthy.</summary>
    public DeployProblemKind? Worst =>
        Problems.Count == 0 ? null : Problems.Any(p => p.Kind == DeployProblemKind.NeedsPerson) ? DeployProblemKind.NeedsPerson : DeployProblemKind.RetryLater;
}

/// <summary>The last <see cref="DeployReconcileStatus"/>, for pages and tests; null before the first reconcile ended.</summary>
public sealed class DeployReconcileState
{
    private DeployReconcileStatus? current;

    public DeployReconcileStatus? Current => Volatile.Read(ref current);

    internal void Set(DeployReconcileStatus status) => Volatile.Write(ref current, status);
}
