using Portal.Core.Versions;
using Portal.GitOps;

namespace Portal.Web.Services.Versions.Reconcile;

/// <summary>
/// Brings the version records in line with the deploy repository and its remote, in small ordered steps while no
/// promotion, rollback or push runs: inspect (the clone is repaired on the way: stale locks, half-written files, tags
/// the branch never reached), restore records of committed versions that have none, correct push states against what
/// the remote really has, push what is committed but not pushed. The status is written at the end whatever happened.
/// </summary>
public sealed class DeployReconciler(
    DeployRepository repository,
    IModelVersionStore store,
    VersionService versions,
    RecoveredVersions recovered,
    DeployReconcileState state,
    DeploySecrets secrets,
    TimeProvider clock,
    ILogger<DeployReconciler> logger)
{
    /// <summary>How a committed record's reason begins while the remote cannot be reached; the remote's problem follows.</summary>
    public const string NotPushedYet = "Not pushed yet: ";

    /// <summary>What a record says when the portal stopped before the remote answered its push.</summary>
    public const string UnconfirmedPush = "The portal stopped before this version's push was confirmed; it checks the remote and pushes it again by itself.";

    /// <param name="withRemote">Ask the remote and push; false checks only the working clone (at start, with no network wait).</param>
    public async Task<DeployReconcileStatus> ReconcileAsync(bool withRemote, CancellationToken cancellationToken = default)
    {
        var pass = new Pass();
        try
        {
            await versions.ExclusiveAsync(async () =>
            {
                if (await InspectAsync(withRemote, pass, cancellationToken) is not { } inventory)
                    return false;
                var rows = (await store.ListAsync(cancellationToken)).ToDictionary(v => v.Number);
                await RestoreMissingAsync(inventory, rows, pass, cancellationToken);
                await CorrectAsync(inventory, rows, pass, cancellationToken);
                if (withRemote)
                    await PushCommittedAsync(inventory, rows, pass, cancellationToken);
                return true;
            }, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A database that cannot be written, a disk that failed: nothing the next pass can be trusted to clear.
            logger.LogError("Reconciling the versions with the deploy repository failed: {Error}", secrets.Redact(e.Message));
            pass.Problems.Add(new(DeployProblemKind.NeedsPerson, "Reconciling the versions with the deploy repository failed: " + secrets.Redact(e.Message)));
        }
        return Finish(pass, withRemote);
    }

    private async Task<DeployInventory?> InspectAsync(bool withRemote, Pass pass, CancellationToken cancellationToken)
    {
        DeployInventory inventory;
        try
        {
            inventory = await repository.InspectAsync(withRemote, cancellationToken);
        }
        catch (DeployBusyException e)
        {
            pass.Problems.Add(new(DeployProblemKind.RetryLater, e.Message));
            return null;
        }
        catch (InvalidOperationException e)
        {
            pass.Problems.Add(new(DeployProblemKind.NeedsPerson, e.Message));
            return null;
        }
        pass.Repairs = inventory.Repairs;
        pass.RemoteProblem = inventory.RemoteProblem;
        if (inventory.RemoteProblem is { } problem)
            pass.Problems.Add(problem);
        pass.RemoteChecked = withRemote && inventory.RemoteProblem is null;
        return inventory;
    }

    /// <summary>A version committed and tagged by a portal that stopped before writing its record gets it back.</summary>
    private async Task RestoreMissingAsync(DeployInventory inventory, Dictionary<int, ModelVersion> rows, Pass pass, CancellationToken cancellationToken)
    {
        foreach (var committed in inventory.Versions.Where(v => !rows.ContainsKey(v.Number)))
        {
            var (pushState, error, pushedAt) = committed.OnRemote switch
            {
                RemoteStanding.Present => (PushState.Pushed, (string?)null, (DateTimeOffset?)clock.GetUtcNow()),
                RemoteStanding.Conflict => (PushState.Committed, ConflictMessage(committed), null),
                _ => (PushState.Committed, pass.RemoteProblem is { } down ? NotPushedYet + down.Message : UnconfirmedPush, null),
            };
            if (await recovered.FromAsync(committed, pushState, error, pushedAt) is not { } record)
            {
                pass.Problems.Add(new(DeployProblemKind.NeedsPerson,
                    $"{committed.Tag} is committed in the deploy repository but has no record, and none can be made: {committed.ManifestProblem}"));
                continue;
            }
            rows[committed.Number] = await store.AddAsync(record, cancellationToken);
            pass.Restored++;
            logger.LogWarning("{Tag} ({Commit}) was committed by a portal that stopped before recording it; its record is restored from the repository ({State})",
                committed.Tag, committed.CommitSha, pushState);
        }
    }

    /// <summary>Each record's commit and push state as the repository and the remote have them.</summary>
    private async Task CorrectAsync(DeployInventory inventory, Dictionary<int, ModelVersion> rows, Pass pass, CancellationToken cancellationToken)
    {
        foreach (var committed in inventory.Versions)
        {
            if (!rows.TryGetValue(committed.Number, out var row))
                continue;
            var (pushState, error, pushedAt) = committed.OnRemote switch
            {
                RemoteStanding.Present => (PushState.Pushed, null, row.PushedAt ?? clock.GetUtcNow()),
                RemoteStanding.Missing when row.PushState == PushState.Pushed =>
                    (PushState.Committed, $"The remote at {repository.Remote.Url} does not have {committed.Tag} any more; the portal pushes it again.", null),
                RemoteStanding.Conflict => (PushState.Committed, ConflictMessage(committed), null),
                // Not asked, or asked and missing while recorded as committed: only the commit can be out of date.
                _ => (row.PushState, UnpushedReason(row, pass), row.PushedAt),
            };
            if (committed.OnRemote == RemoteStanding.Conflict)
                pass.Problems.Add(new(DeployProblemKind.NeedsPerson, ConflictMessage(committed)));
            if (row.CommitSha == committed.CommitSha && row.PushState == pushState && row.PushError == error)
                continue;

            rows[committed.Number] = await store.UpdatePushAsync(committed.Number, committed.CommitSha, pushState, error, pushedAt, cancellationToken) ?? row;
            pass.Corrected++;
            logger.LogWarning("The record of {Tag} said {OldState} at {OldCommit}; the repository and the remote say {State} at {Commit}",
                committed.Tag, row.PushState, Short(row.CommitSha), pushState, Short(committed.CommitSha));
        }
    }

    /// <summary>Versions committed but not pushed are pushed, oldest first, while the remote takes them.</summary>
    private async Task PushCommittedAsync(DeployInventory inventory, Dictionary<int, ModelVersion> rows, Pass pass, CancellationToken cancellationToken)
    {
        // A remote that could not even list its tags would refuse the push the same way.
        if (inventory.RemoteProblem is not null)
            return;
        var conflicts = inventory.Versions.Where(v => v.OnRemote == RemoteStanding.Conflict).Select(v => v.Number).ToHashSet();
        foreach (var row in rows.Values.Where(r => r.PushState == PushState.Committed && !conflicts.Contains(r.Number)).OrderBy(r => r.Number))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pushed = await versions.PushCommittedAsync(row, cancellationToken);
            if (pushed is null)
            {
                pass.Problems.Add(new(DeployProblemKind.NeedsPerson, $"{row.Tag} cannot be pushed: its candidate model or its files in the deploy repository are missing."));
                continue;
            }
            rows[row.Number] = pushed;
            if (pushed.PushState != PushState.Pushed)
            {
                pass.Problems.Add(new(DeployProblemKind.RetryLater, $"{row.Tag} is committed, not pushed: {pushed.PushError}"));
                return;
            }
            pass.Pushed++;
        }
    }

    private DeployReconcileStatus Finish(Pass pass, bool withRemote)
    {
        var status = new DeployReconcileStatus(clock.GetUtcNow(), pass.RemoteChecked, pass.Repairs, pass.Restored, pass.Corrected, pass.Pushed, pass.Problems);
        if (pass.Restored + pass.Corrected + pass.Pushed > 0 || pass.Repairs.Any)
        {
            logger.LogInformation(
                "Reconciled the versions with the deploy repository{Remote}: {Locks} stale locks and {Files} stray files removed, {Tags} unfinished tags dropped, {Restored} records restored, {Corrected} corrected, {Pushed} pushed",
                withRemote ? " and its remote" : "", pass.Repairs.LocksRemoved, pass.Repairs.FilesDiscarded, pass.Repairs.TagsRemoved.Count, pass.Restored, pass.Corrected, pass.Pushed);
        }
        foreach (var problem in pass.Problems)
            logger.LogWarning("Deploy reconcile: {Kind}: {Problem}", problem.Kind == DeployProblemKind.NeedsPerson ? "needs a person" : "retrying later", problem.Message);

        state.Set(status);
        if (pass.Restored + pass.Corrected > 0)
            versions.NotifyChanged();
        return status;
    }

    /// <summary>
    /// Why a committed record is not pushed: the remote that cannot be reached now, else the reason it had, else it
    /// was being pushed when the portal stopped.
    /// </summary>
    private static string? UnpushedReason(ModelVersion row, Pass pass) =>
        row.PushState == PushState.Pushed ? row.PushError
        : pass.RemoteProblem is { } down ? NotPushedYet + down.Message
        : row.PushError ?? UnconfirmedPush;

    private string ConflictMessage(CommittedVersion committed) =>
        $"The remote at {repository.Remote.Url} has a tag {committed.Tag} that is not this portal's {committed.Tag} (another portal or a person pushed that version number); nothing was overwritten.";

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;

    /// <summary>What one reconcile found and did, gathered step by step.</summary>
    private sealed class Pass
    {
        public CloneRepairs Repairs { get; set; } = CloneRepairs.None;
        public DeployProblem? RemoteProblem { get; set; }
        public bool RemoteChecked { get; set; }
        public int Restored { get; set; }
        public int Corrected { get; set; }
        public int Pushed { get; set; }
        public List<DeployProblem> Problems { get; } = [];
    }
}
