using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Access;
using Portal.Core.Training;
using Portal.Core.Versions;
using Portal.Data.Verses;
using Portal.Web.Components.Pages.Playground;
using Portal.Web.Services.Playground;
using Portal.Web.Tests.Components.Support;
using Portal.Web.Tests.Components.Versions.Support;
using Portal.Web.Tests.Versions;

namespace Portal.Web.Tests.Components.Playground.Support;

/// <summary>
/// The versions test bed with the playground's real services, and the two models the version tests share (one that
/// learned its verses, one that barely moved) at hand to become this bed's candidates and versions. An admin, root,
/// owns the library and the jobs; ana is the writer at the page.
/// </summary>
public sealed class PlaygroundTestBed : IAsyncDisposable
{
    private readonly VersionsTestBed bed;
    private readonly VersionPortal models;
    private readonly TrainedCandidates trained;

    private PlaygroundTestBed(VersionsTestBed bed, VersionPortal models, TrainedCandidates trained, Actor root, Actor ana)
    {
        this.bed = bed;
        this.models = models;
        this.trained = trained;
        Root = root;
        Ana = ana;
    }

    public BunitContext Context => bed.Context;

    public VerseStore Verses => bed.Verses;

    public PlaygroundService Playground => Context.Services.GetRequiredService<PlaygroundService>();

    public Actor Root { get; }

    public Actor Ana { get; }

    /// <summary>The model that learned the shared corpus (40 steps).</summary>
    public string LearnedModel => Path.Combine(models.DataDirectory, trained.Passing.CandidatePath!);

    /// <summary>The model that barely moved from its random start: it writes differently from <see cref="LearnedModel"/>.</summary>
    public string BarelyTrainedModel => Path.Combine(models.DataDirectory, trained.Failing.CandidatePath!);

    /// <summary>A bed whose library holds the component tests' three verses; ana is signed in.</summary>
    public static async Task<PlaygroundTestBed> CreateAsync(TrainedCandidates trained)
    {
        // Only the trained data directory is used: the portal that trained it is never started here.
        var models = trained.Start();
        var bed = await VersionsTestBed.CreateAsync();
        var root = await bed.AddUserAsync("root", admin: true);
        var ana = await bed.AddUserAsync("ana");
        await bed.AddVersesAsync(root);
        bed.SignIn(ana);
        return new PlaygroundTestBed(bed, models, trained, root, ana);
    }

    /// <summary>A finished job on the library as it is now, whose candidate is a copy of <paramref name="modelFolder"/>.</summary>
    public Task<TrainingJob> CandidateAsync(string modelFolder) => bed.SucceededJobAsync(Root, VersionsTestBed.PassingMetrics, modelFolder);

    public Task<ModelVersion> PromoteAsync(TrainingJob job) => bed.PromoteAsync(Root, job);

    public Providers RenderProviders() => bed.RenderProviders();

    public IRenderedComponent<PlaygroundPage> RenderPage() => Context.Render<PlaygroundPage>();

    public async ValueTask DisposeAsync()
    {
        await bed.DisposeAsync();
        await models.DisposeAsync();
    }
}
