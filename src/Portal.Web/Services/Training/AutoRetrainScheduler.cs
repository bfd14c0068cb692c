using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Core.Access;
using Portal.Core.Training;
using Portal.Data.Entities;
using Portal.Data.Training;
using Portal.Web.Options;

namespace Portal.Web.Services.Training;

/// <summary>
/// Starts a retrain by itself when an admin turned that on: once enough verses are new since the current model, or
/// on a schedule when something is new. Never while another job is queued or running, so it cannot pile up work.
/// The job is requested as the admin who saved the settings.
/// </summary>
public sealed class AutoRetrainScheduler(
    PortalSettingsStore settings,
    ITrainingJobStore store,
    TrainingJobService jobs,
    IServiceScopeFactory scopes,
    IOptionsMonitor<TrainingQueueOptions> options,
    TimeProvider clock,
    ILogger<AutoRetrainScheduler> logger) : BackgroundService
{
    /// <summary>One check: the job it queued (or joined), or null when nothing was due.</summary>
    public async Task<TrainingJob?> CheckOnceAsync(CancellationToken cancellationToken = default)
    {
        var auto = await settings.GetAutoRetrainAsync(cancellationToken);
        if (!auto.IsOn || !await IsIdleAsync(cancellationToken))
            return null;
        var fresh = await jobs.NewVersesSinceCurrentModelAsync(cancellationToken);
        if (fresh == 0 || !await IsDueAsync(auto, fresh, cancellationToken))
            return null;

        var actor = await AuthorAsync(cancellationToken);
        if (actor is null)
            return null;
        var result = await jobs.RequestAsync(actor, new RetrainRequest(auto.Preset), cancellationToken);
        if (result.Job is null)
        {
            logger.LogInformation("Automatic retrain not started: {Reasons}", string.Join(" ", result.Errors));
            return null;
        }
        logger.LogInformation("Automatic retrain: job {JobId} ({Preset}, {NewVerses} new verses) for {User}",
            result.Job.Id, auto.Preset, fresh, actor.UserName);
        return result.Job;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.CurrentValue.AutoRetrainCheckSeconds)), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // A failed check (the database busy, a user gone) is tried again at the next tick; the portal stays up.
                logger.LogError(e, "The automatic retrain check failed");
            }
        }
    }

    private async Task<bool> IsIdleAsync(CancellationToken cancellationToken)
    {
        var unfinished = await store.ListAsync(finished: 0, cancellationToken);
        return unfinished.All(job => job.State.IsFinished());
    }

    private async Task<bool> IsDueAsync(AutoRetrainSettings auto, int fresh, CancellationToken cancellationToken)
    {
        if (auto.AfterNewVerses is { } enough && fresh >= enough)
            return true;
        if (auto.EveryHours is not { } hours)
            return false;
        var last = await store.LastRequestedAtAsync(cancellationToken);
        return last is null || clock.GetUtcNow() - last.Value >= TimeSpan.FromHours(hours);
    }

    private async Task<Actor?> AuthorAsync(CancellationToken cancellationToken)
    {
        var userId = await settings.AutoRetrainChangedByAsync(cancellationToken);
        if (userId is null)
        {
            logger.LogWarning("Automatic retrain is on but nobody is recorded as having turned it on; no job was started");
            return null;
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            logger.LogWarning("Automatic retrain was turned on by an account that can no longer sign in; an admin must save the settings again");
            return null;
        }
        return new Actor(user.Id, user.UserName ?? user.Id, await users.IsInRoleAsync(user, Roles.Admin));
    }
}
