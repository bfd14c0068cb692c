using Microsoft.AspNetCore.Identity;
using Portal.Core.Versions;
using Portal.Data.Entities;
using Portal.GitOps;

namespace Portal.Web.Services.Versions.Reconcile;

/// <summary>
/// A version record made again from what the deploy repository holds, for a version committed by a portal that
/// stopped before it wrote the record: the manifest gives the promoter, job, dataset, metrics and checklist, the tag
/// says whether it was a rollback, the commit gives the rest.
/// </summary>
public sealed class RecoveredVersions(IServiceScopeFactory scopes)
{
    /// <summary>Who a rollback was made by is not in the repository: its commits are the portal's own.</summary>
    public const string UnknownRollbackAuthor = "Verse Portal";

    /// <summary>The record, or null when the commit's manifest cannot be read (a person must look).</summary>
    public async Task<ModelVersion?> FromAsync(CommittedVersion committed, PushState state, string? pushError, DateTimeOffset? pushedAt)
    {
        ArgumentNullException.ThrowIfNull(committed);
        if (committed.Manifest is not { } manifest)
            return null;
        var rollbackOf = committed.RollbackOf;
        var by = rollbackOf is null ? manifest.PromotedBy : UnknownRollbackAuthor;
        return new ModelVersion
        {
            Number = committed.Number,
            CreatedAt = rollbackOf is null ? manifest.Created : committed.CommittedAt,
            PromotedById = await UserIdOfAsync(by),
            PromotedByName = by,
            JobId = manifest.JobId,
            RollbackOf = rollbackOf,
            Note = rollbackOf is null ? manifest.Note : Body(committed.Message),
            DatasetHash = manifest.DatasetHash,
            VerseCount = manifest.VerseCount,
            ValidationLoss = manifest.Metrics?.FinalLoss,
            Checklist = manifest.Checklist,
            Overridden = PromotionRules.FailedItems(manifest.Checklist).Count > 0,
            CommitSha = committed.CommitSha,
            PushState = state,
            PushError = pushError,
            PushedAt = pushedAt,
        };
    }

    /// <summary>The note of a rollback: what its commit message says after the subject line.</summary>
    private static string Body(string message)
    {
        var parts = message.ReplaceLineEndings("\n").Split('\n', 2);
        return parts.Length < 2 ? "" : parts[1].Trim();
    }

    /// <summary>Versions record the promoter's account when it still exists; the name alone is kept otherwise.</summary>
    private async Task<string> UserIdOfAsync(string userName)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return (await users.FindByNameAsync(userName))?.Id ?? "";
    }
}
