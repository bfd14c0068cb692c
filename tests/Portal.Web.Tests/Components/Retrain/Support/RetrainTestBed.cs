using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Portal.Core.Access;
using Portal.Core.Training;
using Portal.Core.Verses;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Data.Verses;
using Portal.Web.Services.Training;
using Portal.Web.Tests.Components.Support;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Components.Retrain.Support;

/// <summary>
/// A bUnit context with the portal's real training queue (store, planner, broadcaster, job service) and verse store
/// on a migrated SQLite file in a temporary folder, and a signed-in user. No worker runs: a test plays the worker
/// through <see cref="Worker"/>, so that it decides exactly which events exist and when.
/// </summary>
public sealed class RetrainTestBed : IAsyncDisposable
{
    private readonly TempDirectory data;
    private readonly BunitAuthorizationContext authorization;

    private RetrainTestBed(TempDirectory data, BunitContext context, BunitAuthorizationContext authorization)
    {
        this.data = data;
        Context = context;
        this.authorization = authorization;
        Worker = new TestWorker(Jobs, context.Services.GetRequiredService<TrainingFolders>());
    }

    public BunitContext Context { get; }

    public string DataDirectory => data.Path;

    public VerseStore Verses => Context.Services.GetRequiredService<VerseStore>();

    public TrainingJobService Jobs => Context.Services.GetRequiredService<TrainingJobService>();

    public ITrainingJobStore Store => Context.Services.GetRequiredService<ITrainingJobStore>();

    public TestWorker Worker { get; }

    public static async Task<RetrainTestBed> CreateAsync()
    {
        var data = new TempDirectory();
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        var services = context.Services;
        services.AddPortalData(Path.Combine(data.Path, "portal.db"));
        services.AddTrainingQueue(data.Path);
        services.AddMudServices();
        // Authorization services must be registered before the first service is resolved; who is signed in comes later.
        var authorization = context.AddAuthorization();

        await context.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        return new RetrainTestBed(data, context, authorization);
    }

    /// <summary>Inserts an account row; jobs and verses need a real user, the components never touch Identity.</summary>
    public async Task<Actor> AddUserAsync(string name, bool admin = false)
    {
        await using var db = await Context.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var user = new PortalUser
        {
            UserName = name,
            NormalizedUserName = name.ToUpperInvariant(),
            SecurityStamp = Guid.NewGuid().ToString(),
            CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return new Actor(user.Id, name, admin);
    }

    public void SignIn(Actor actor)
    {
        authorization.SetAuthorized(actor.UserName);
        authorization.SetRoles(actor.IsAdmin ? [Roles.Admin, Roles.Writer] : [Roles.Writer]);
        authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, actor.UserId));
    }

    public async Task AddVersesAsync(Actor author)
    {
        foreach (var (prompt, lyrics) in new[]
                 {
                     (LibraryVerses.HarbourPrompt, LibraryVerses.HarbourLyrics),
                     (LibraryVerses.ChessPrompt, LibraryVerses.ChessLyrics),
                     (LibraryVerses.KitchenPrompt, LibraryVerses.KitchenLyrics),
                 })
        {
            var result = await Verses.AddAsync(new VerseText(prompt, lyrics, []), author, includeInTraining: true);
            Assert.True(result.Succeeded, result.Message);
        }
    }

    /// <summary>A queued job: a tiny model from scratch on the library as it is now.</summary>
    public async Task<TrainingJob> QueueScratchJobAsync(Actor requester)
    {
        var result = await Jobs.RequestAsync(requester, new RetrainRequest(RetrainPreset.Scratch, ModelSize: "tiny"));
        Assert.Empty(result.Errors);
        return result.Job!;
    }

    /// <summary>The providers MudBlazor draws dialogs, popovers and snackbars into, as the main layout has them.</summary>
    public Providers RenderProviders() => new(
        Context.Render<MudPopoverProvider>(),
        Context.Render<MudDialogProvider>(),
        Context.Render<MudSnackbarProvider>());

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        data.Dispose();
    }
}
