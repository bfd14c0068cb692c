using Portal.Core.Access;
using Portal.Core.Audit;
using Portal.Core.Playground;
using Portal.Core.Training;
using Portal.Core.Versions;
using Portal.Web.Services.Training;

namespace Portal.Web.Services.Versions;

/// <summary>
/// Versions as pages and the API use them: the history with what is live where, the promotion gate, and the commands
/// that change the deploy repository (promote, roll back, retry a push). The commands run one at a time, so that
/// version numbers, tags and the branch stay in step; each is recorded as soon as git has it.
/// </summary>
public sealed class VersionService(
    IModelVersionStore versions,
    ITrainingJobStore jobs,
    IDeployRepository repository,
    IPortalSettingsStore settings,
    IBlindVoteStore votes,
    TrainingFolders folders,
    VersionDatasets datasets,
    VersionPublisher publisher,
    CandidateComparer comparer,
    ModelDownloads downloads,
    ServingStatusMonitor serving,
    TimeProvider clock,
    IAuditLog audit,
    ModelFolderVerification modelFiles,
    ILogger<VersionService> logger)
{
    private const string VersionLogFile = "VERSION_LOG.md";

    private readonly SemaphoreSlim commands = new(1, 1);
    private Action? changed;

    /// <summary>Raised after a promotion, a rollback, a push, a change of the auto-promote switch or of what a serving app reports.</summary>
    public event Action? Changed
    {
        add
        {
            changed += value;
            serving.Changed += value;
        }
        remove
        {
            changed -= value;
            serving.Changed -= value;
        }
    }

    /// <summary>The deploy remote and branch, without credentials.</summary>
    public DeployRemoteInfo Remote => repository.Remote;

    public IReadOnlyList<ServingEndpointStatus> ServingStatus() => serving.Current;

    /// <summary>Every version, newest first, with the serving endpoints whose last report names it and its model's blind votes.</summary>
    public async Task<IReadOnlyList<VersionRow>> HistoryAsync(CancellationToken cancellationToken = default)
    {
        var reports = serving.Current;
        var tallies = await votes.TallyAsync(cancellationToken);
        return (await versions.ListAsync(cancellationToken))
            .Select(version => new VersionRow(version, LiveVersions.EndpointsServing(version, reports), tallies.GetValueOrDefault(version.JobId)))
            .ToList();
    }

    public async Task<VersionDetails?> DetailsAsync(int number, CancellationToken cancellationToken = default)
    {
        if (await versions.FindAsync(number, cancellationToken) is not { } version)
            return null;
        var card = await repository.ReadFileAsync(number, ModelCardWriter.FileName, cancellationToken);
        var log = await repository.ReadFileAsync(number, VersionLogFile, cancellationToken);
        // A rollback commits the tree of the version it returns to, log included: its entry is that version's.
        var entry = log is null ? null : VersionLogWriter.EntryFor(log, number) ?? (version.RollbackOf is { } target ? VersionLogWriter.EntryFor(log, target) : null);

        var previous = number > 1 ? await versions.FindAsync(number - 1, cancellationToken) : null;
        var diff = previous is null ? DatasetDiff.Empty : await datasets.DiffAsync(previous.JobId, version.JobId, cancellationToken);
        return new VersionDetails(version, card, entry, diff, previous?.Number);
    }

    /// <summary>What stands between a job's candidate and a promotion; null when there is no such job. Fast: no model is loaded.</summary>
    public async Task<PromotionGate?> GateAsync(long jobId, CancellationToken cancellationToken = default)
    {
        if (await jobs.FindAsync(jobId, cancellationToken) is not { } job)
            return null;
        var current = await versions.LatestAsync(cancellationToken);
        var failed = PromotionRules.FailedItems(job.Checklist);
        var headToHead = current is null ? null : await votes.HeadToHeadAsync(job.Id, current.JobId, cancellationToken);
        return new PromotionGate(job, current, failed, await BlockerAsync(job, cancellationToken), headToHead);
    }

    /// <summary>The version a job's candidate was promoted as, or null. A rollback to that version is not a promotion of it: only the original counts.</summary>
    public async Task<ModelVersion?> PromotedAsync(long jobId, CancellationToken cancellationToken = default) =>
        (await versions.ForJobAsync(jobId, cancellationToken)).Where(v => v.RollbackOf is null).MinBy(v => v.Number);

    /// <summary>The candidate against the current version on held-out verses and golden prompts. Slow: loads both models.</summary>
    /// <exception cref="InvalidOperationException">The job does not exist or its candidate model is missing.</exception>
    public Task<GateComparison> CompareAsync(long jobId, CancellationToken cancellationToken = default) =>
        comparer.CompareAsync(jobId, cancellationToken);

    /// <summary>
    /// Commits the job's candidate as the next version, tags it and pushes it. A failed push still returns Done: the
    /// version is recorded as committed, with the reason, and <see cref="RetryPushAsync"/> pushes it later.
    /// </summary>
    public async Task<VersionCommandResult> PromoteAsync(Actor actor, long jobId, string? note, bool overrideChecklist, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdmin)
            return Forbidden();
        var text = VersionNotes.Normalize(note);
        if (text.Length > PromotionRules.MaxNoteLength)
            return NoteTooLong();

        await commands.WaitAsync(cancellationToken);
        try
        {
            // Inside the gate: "already promoted" and the next number must not change before the commit.
            if (await GateAsync(jobId, cancellationToken) is not { } gate)
                return new(VersionCommandStatus.NotFound, Message: $"There is no training job {jobId}.");
            if (gate.Blocker is { } blocker)
                return Refused(blocker);
            if (gate.FailedItems.Count > 0 && !(overrideChecklist && text.Length > 0))
                return new(VersionCommandStatus.ChecklistFailed, Message: ChecklistMessage(gate.FailedItems), FailedItems: gate.FailedItems);

            var job = gate.Candidate;
            var candidate = folders.CompleteCandidate(job)!;
            // A file damaged on disk since training would be committed, pushed and served: refused by name instead.
            if (await modelFiles.ProblemsAsync(candidate, cancellationToken) is { Count: > 0 } damaged)
                return Refused($"Job {job.Id}'s candidate cannot be promoted: {string.Join("; ", damaged)}.");
            var current = gate.Current;
            var number = (current?.Number ?? 0) + 1;
            var created = clock.GetUtcNow();
            var changes = current is null ? null : await datasets.DiffAsync(current.JobId, job.Id, cancellationToken);
            // Hashing the weights reads every byte of them: not on the caller's thread.
            var change = await Task.Run(() => PromotionChanges.Create(number, created, actor.UserName, job, candidate, text, current, changes), cancellationToken);

            ModelVersion version;
            try
            {
                version = await publisher.CommitAsync(change, sha => new ModelVersion
                {
                    Number = number,
                    CreatedAt = created,
                    PromotedById = actor.UserId,
                    PromotedByName = actor.UserName,
                    JobId = job.Id,
                    Note = text,
                    DatasetHash = job.SnapshotHash,
                    VerseCount = job.VerseCount,
                    ValidationLoss = job.Metrics?.FinalLoss,
                    Checklist = job.Checklist,
                    Overridden = gate.FailedItems.Count > 0,
                    CommitSha = sha,
                });
            }
            catch (DeployRefusedException e)
            {
                return Refused(e.Message);
            }
            logger.LogInformation("{User} promoted job {JobId}'s candidate as {Tag}", actor.UserName, job.Id, version.Tag);
            // Recorded once git has the commit, before the push: a push that fails or throws cannot skip the record.
            await audit.RecordAsync(actor, AuditAction.VersionPromoted, version.Tag,
                $"job {job.Id}'s candidate, commit {ShortSha(version.CommitSha)}{(version.Overridden ? ", checklist overridden" : "")}{NoteSuffix(text)}");
            return await PushAndReportAsync(change, version);
        }
        finally
        {
            commands.Release();
        }
    }

    /// <summary>A new version whose files equal vK's, tagged and pushed: history is never rewritten.</summary>
    public async Task<VersionCommandResult> RollbackAsync(Actor actor, int targetNumber, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdmin)
            return Forbidden();
        var text = VersionNotes.Normalize(note);
        if (text.Length > PromotionRules.MaxNoteLength)
            return NoteTooLong();

        await commands.WaitAsync(cancellationToken);
        try
        {
            var all = await versions.ListAsync(cancellationToken);
            if (all.FirstOrDefault(v => v.Number == targetNumber) is not { } target)
                return new(VersionCommandStatus.NotFound, Message: $"There is no version {VersionTag.Of(targetNumber)}.");
            var latest = all.MaxBy(v => v.Number)!;
            if (LiveVersions.ContentOf(target, all) == LiveVersions.ContentOf(latest, all))
                return Refused($"{target.Tag} is the current version.");

            var number = latest.Number + 1;
            var change = PromotionChanges.Rollback(number, actor.UserName, target.Number, text);
            ModelVersion version;
            try
            {
                version = await publisher.CommitAsync(change, sha => new ModelVersion
                {
                    Number = number,
                    CreatedAt = clock.GetUtcNow(),
                    PromotedById = actor.UserId,
                    PromotedByName = actor.UserName,
                    JobId = target.JobId,
                    RollbackOf = target.Number,
                    Note = text,
                    DatasetHash = target.DatasetHash,
                    VerseCount = target.VerseCount,
                    ValidationLoss = target.ValidationLoss,
                    Checklist = target.Checklist,
                    Overridden = target.Overridden,
                    CommitSha = sha,
                });
            }
            catch (DeployRefusedException e)
            {
                return Refused(e.Message);
            }
            logger.LogInformation("{User} rolled back to {Target} as {Tag}", actor.UserName, target.Tag, version.Tag);
            await audit.RecordAsync(actor, AuditAction.VersionRolledBack, version.Tag,
                $"returns to {target.Tag}, commit {ShortSha(version.CommitSha)}{NoteSuffix(text)}");
            return await PushAndReportAsync(change, version);
        }
        finally
        {
            commands.Release();
        }
    }

    /// <summary>Pushes a version that is committed but not on the remote yet; a pushed version is left as it is.</summary>
    public async Task<VersionCommandResult> RetryPushAsync(Actor actor, int number, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdmin)
            return Forbidden();

        await commands.WaitAsync(cancellationToken);
        try
        {
            if (await versions.FindAsync(number, cancellationToken) is not { } version)
                return new(VersionCommandStatus.NotFound, Message: $"There is no version {VersionTag.Of(number)}.");
            if (version.PushState == PushState.Pushed)
                return new(VersionCommandStatus.Done, version);
            var change = await RebuildAsync(version, cancellationToken);
            if (change is null)
                return Refused($"{version.Tag} cannot be pushed again: its candidate model or its files in the deploy repository are missing.");
            logger.LogInformation("{User} retries the push of {Tag}", actor.UserName, version.Tag);
            var retried = await PushAndReportAsync(change, version);
            await audit.RecordAsync(actor, AuditAction.VersionPushRetried, version.Tag,
                retried.Version?.PushState == PushState.Pushed ? "pushed" : $"still not pushed: {retried.Message}");
            return retried;
        }
        finally
        {
            commands.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> while no promotion, rollback or push runs, and none starts: the reconcile checks
    /// the records against the repository with nothing half done between the two.
    /// </summary>
    internal async Task<T> ExclusiveAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await commands.WaitAsync(cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            commands.Release();
        }
    }

    /// <summary>
    /// Pushes a committed version as <see cref="RetryPushAsync"/> does, for the reconcile; only inside
    /// <see cref="ExclusiveAsync"/>. Null when the change cannot be rebuilt (its candidate or its files are gone).
    /// </summary>
    internal async Task<ModelVersion?> PushCommittedAsync(ModelVersion version, CancellationToken cancellationToken)
    {
        if (await RebuildAsync(version, cancellationToken) is not { } change)
            return null;
        return (await PushAndReportAsync(change, version)).Version;
    }

    /// <summary>Tells the pages that records changed outside a command (the reconcile corrected them).</summary>
    internal void NotifyChanged() => RaiseChanged();

    /// <summary>The version's model as a zip or GGUF file; null when there is no such version. The caller deletes the file once sent.</summary>
    public Task<ModelDownload?> DownloadAsync(int number, DownloadFormat format, CancellationToken cancellationToken = default) =>
        downloads.CreateAsync(number, format, cancellationToken);

    public Task<bool> AutoPromoteAsync(CancellationToken cancellationToken = default) => settings.GetAutoPromoteAsync(cancellationToken);

    /// <summary>Turns auto-promote on or off; automatic promotions are made in the name of the admin who turned it on.</summary>
    /// <exception cref="UnauthorizedAccessException">The actor is not an admin.</exception>
    public async Task SetAutoPromoteAsync(Actor actor, bool on, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdmin)
            throw new UnauthorizedAccessException("Only admins turn auto-promote on or off.");
        await settings.SaveAutoPromoteAsync(on, actor.UserId, cancellationToken);
        logger.LogInformation("{User} turned auto-promote {State}", actor.UserName, on ? "on" : "off");
        await audit.RecordAsync(actor, AuditAction.AutoPromoteChanged, "auto-promote", on ? "on" : "off");
        RaiseChanged();
    }

    private async Task<string?> BlockerAsync(TrainingJob job, CancellationToken cancellationToken)
    {
        if (job.State != JobState.Succeeded)
            return "The job has not succeeded.";
        if (folders.CompleteCandidate(job) is null)
            return "The candidate model is missing.";
        return await PromotedAsync(job.Id, cancellationToken) is { } promoted ? $"This candidate is already {promoted.Tag}." : null;
    }

    private async Task<DeployChange?> RebuildAsync(ModelVersion version, CancellationToken cancellationToken)
    {
        if (version.RollbackOf is { } target)
            return PromotionChanges.Rollback(version.Number, version.PromotedByName, target, version.Note);

        var candidate = folders.CompleteCandidate(await jobs.FindAsync(version.JobId, cancellationToken));
        var manifest = await repository.ReadFileAsync(version.Number, VersionManifest.FileName, cancellationToken);
        var card = await repository.ReadFileAsync(version.Number, ModelCardWriter.FileName, cancellationToken);
        var log = await repository.ReadFileAsync(version.Number, VersionLogFile, cancellationToken);
        var entry = log is null ? null : VersionLogWriter.EntryFor(log, version.Number);
        if (candidate is null || manifest is null || card is null || entry is null)
            return null;
        return PromotionChanges.Rebuild(version, candidate, manifest, card, entry);
    }

    private async Task<VersionCommandResult> PushAndReportAsync(DeployChange change, ModelVersion committed)
    {
        RaiseChanged();
        var pushed = await publisher.PushAsync(change, committed.CommitSha);
        RaiseChanged();
        return new VersionCommandResult(VersionCommandStatus.Done, pushed, pushed.PushError);
    }

    // One broken page must not fail the promotion that others are waiting to see.
    private void RaiseChanged() => Subscribers.Notify(changed, logger);

    private static string ChecklistMessage(IReadOnlyList<ChecklistItem> failed) =>
        $"The candidate failed {failed.Count} checklist item{(failed.Count == 1 ? "" : "s")}: {string.Join("; ", failed.Select(i => i.Title))}. "
        + "Promote it anyway with an override and a note saying why.";

    private static string ShortSha(string sha) => sha.Length > 12 ? sha[..12] : sha;

    private static string NoteSuffix(string note) => note.Length == 0 ? "" : $": {note}";

    private static VersionCommandResult Forbidden() =>
        new(VersionCommandStatus.Forbidden, Message: "Only admins promote, roll back and push versions.");

    private static VersionCommandResult NoteTooLong() =>
        Refused($"The note is longer than {PromotionRules.MaxNoteLength} characters.");

    private static VersionCommandResult Refused(string message) => new(VersionCommandStatus.Refused, Message: message);
}
