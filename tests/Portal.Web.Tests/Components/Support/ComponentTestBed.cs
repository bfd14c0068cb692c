using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Portal.Core.Access;
using Portal.Core.Import;
using Portal.Core.Lint;
using Portal.Core.Verses;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Data.Verses;
using Portal.Web.Services;
using Portal.Web.Services.Playground;
using Portal.Web.Tests.Components.Retrain.Support;
using Portal.Web.Tests.Components.Versions.Support;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Components.Support;

/// <summary>
/// A bUnit context with the portal's real verse services on a migrated SQLite file in a temporary folder, and a
/// signed-in user. Disposing it stops the renderer and the services and deletes the folder.
/// </summary>
public sealed class ComponentTestBed : IAsyncDisposable
{
    private readonly TempDirectory data;
    private readonly BunitAuthorizationContext authorization;

    private ComponentTestBed(TempDirectory data, BunitContext context, BunitAuthorizationContext authorization)
    {
        this.data = data;
        Context = context;
        this.authorization = authorization;
    }

    public BunitContext Context { get; }

    public string DataDirectory => data.Path;

    public VerseStore Verses => Context.Services.GetRequiredService<VerseStore>();

    /// <param name="configure">More or changed services (e.g. a deploy remote), registered after the defaults.</param>
    public static async Task<ComponentTestBed> CreateAsync(Action<IServiceCollection>? configure = null)
    {
        var data = new TempDirectory();
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        var services = context.Services;
        services.AddPortalData(Path.Combine(data.Path, "portal.db"));
        services.AddOptions<ImportLimits>();
        services.AddOptions<LintOptions>();
        services.AddSingleton<VerseLintService>();
        services.AddSingleton<VerseImportService>();
        // The Verses page counts the verses no model has seen yet (its nudge to retrain).
        services.AddTrainingQueue(data.Path);
        // The job page shows the promotion gate, the admin page the auto-promote switch.
        services.AddVersions(data.Path);
        // The playground page: its models are the versions and candidates above.
        services.AddPlaygroundServices();
        services.AddMudServices();
        // Authorization services must be registered before the first service is resolved; who is signed in comes later.
        var authorization = context.AddAuthorization();
        configure?.Invoke(services);

        await context.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        return new ComponentTestBed(data, context, authorization);
    }

    /// <summary>Inserts an account row; verses need a real author, the components never touch Identity.</summary>
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

    public async Task<Verse> AddVerseAsync(Actor author, string prompt, string lyrics, params string[] tags)
    {
        var result = await Verses.AddAsync(new VerseText(prompt, lyrics, tags), author, includeInTraining: true);
        Assert.True(result.Succeeded, result.Message);
        return result.Verse!;
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

public sealed record Providers(
    IRenderedComponent<MudPopoverProvider> Popovers,
    IRenderedComponent<MudDialogProvider> Dialogs,
    IRenderedComponent<MudSnackbarProvider> Snackbars);
