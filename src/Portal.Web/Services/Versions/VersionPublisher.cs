using Portal.Core.Versions;

namespace Portal.Web.Services.Versions;

/// <summary>
/// The two steps every version goes through: committed and tagged in the working clone, then pushed. Each step is
/// recorded as soon as it happened, so that a push that fails (or a portal that stops between the two) leaves the
/// version "committed, not pushed" with a retry, never a commit the portal does not know about.
/// </summary>
public sealed class VersionPublisher(
    IDeployRepository repository,
    IModelVersionStore versions,
    DeploySecrets secrets,
    TimeProvider clock,
    ILogger<VersionPublisher> logger)
{
    /// <summary>Commits and tags the change, then records the version with the commit.</summary>
    /// <param name="record">The version to record, given the commit's sha.</param>
    /// <exception cref="DeployRefusedException">Nothing was committed or recorded; the message is for the user.</exception>
    public async Task<ModelVersion> CommitAsync(DeployChange change, Func<string, ModelVersion> record)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(record);
        // Not cancellable once begun: a commit without its record would be a version the portal cannot show or push.
        var commit = await repository.ApplyAsync(change, CancellationToken.None);
        var version = await versions.AddAsync(record(commit.CommitSha) with { PushState = PushState.Committed, PushError = null, PushedAt = null }, CancellationToken.None);
        logger.LogInformation("Committed {Tag} ({Commit}) to the deploy repository", change.Tag, commit.CommitSha);
        return version;
    }

    /// <summary>Pushes the branch and the change's tag and records the outcome: Pushed, or Committed with the reason.</summary>
    public async Task<ModelVersion> PushAsync(DeployChange change, string committedSha)
    {
        ArgumentNullException.ThrowIfNull(change);
        PushResult result;
        try
        {
            result = await repository.PushAsync(change, CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The contract reports failures as results; anything else still leaves a committed version to retry.
            logger.LogError("Pushing {Tag} failed unexpectedly: {Error}", change.Tag, secrets.Redact(e.Message));
            result = new PushResult(false, committedSha, "The push failed unexpectedly: " + e.Message);
        }

        var error = result.Pushed ? null : secrets.Redact(string.IsNullOrWhiteSpace(result.Error) ? "The push failed." : result.Error);
        if (result.Pushed)
            logger.LogInformation("Pushed {Tag} ({Commit}){Reapplied}", change.Tag, result.CommitSha, result.Reapplied ? ", applied again on top of the remote" : "");
        else
            logger.LogWarning("{Tag} is committed but not pushed: {Error}", change.Tag, error);

        var sha = string.IsNullOrEmpty(result.CommitSha) ? committedSha : result.CommitSha;
        return await versions.UpdatePushAsync(change.Version, sha, result.Pushed ? PushState.Pushed : PushState.Committed, error,
                result.Pushed ? clock.GetUtcNow() : null, CancellationToken.None)
            ?? throw new InvalidOperationException($"{change.Tag} was recorded but is gone from the version store.");
    }
}
