using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Access;
using Portal.Core.Training;
using Portal.Data.Verses;
using Portal.Web.Services.Training;
using Portal.Web.Tests.Components.Support;

namespace Portal.Web.Tests.Components.Retrain.Support;

/// <summary>
/// The component test bed (real services on a migrated SQLite file, a signed-in user) with the training queue in
/// reach. No worker runs: a test plays the worker through <see cref="Worker"/>, so that it decides exactly which
/// events exist and when.
/// </summary>
public sealed class RetrainTestBed : IAsyncDisposable
{
    private readonly ComponentTestBed bed;

    private RetrainTestBed(ComponentTestBed bed)
    {
        this.bed = bed;
        Worker = new TestWorker(Jobs, Context.Services.GetRequiredService<TrainingFolders>());
    }

    public BunitContext Context => bed.Context;

    public string DataDirectory => bed.DataDirectory;

    public VerseStore Verses => bed.Verses;

    public TrainingJobService Jobs => Context.Services.GetRequiredService<TrainingJobService>();

    public ITrainingJobStore Store => Context.Services.GetRequiredService<ITrainingJobStore>();

    public TestWorker Worker { get; }

    public static async Task<RetrainTestBed> CreateAsync() => new(await ComponentTestBed.CreateAsync());

    public Task<Actor> AddUserAsync(string name, bool admin = false) => bed.AddUserAsync(name, admin);

    public void SignIn(Actor actor) => bed.SignIn(actor);

    public async Task AddVersesAsync(Actor author)
    {
        await bed.AddVerseAsync(author, LibraryVerses.HarbourPrompt, LibraryVerses.HarbourLyrics);
        await bed.AddVerseAsync(author, LibraryVerses.ChessPrompt, LibraryVerses.ChessLyrics);
        await bed.AddVerseAsync(author, LibraryVerses.KitchenPrompt, LibraryVerses.KitchenLyrics);
    }

    /// <summary>A queued job: a tiny model from scratch on the library as it is now.</summary>
    public async Task<TrainingJob> QueueScratchJobAsync(Actor requester)
    {
        var result = await Jobs.RequestAsync(requester, new RetrainRequest(RetrainPreset.Scratch, ModelSize: "tiny"));
        Assert.Empty(result.Errors);
        return result.Job!;
    }

    public Providers RenderProviders() => bed.RenderProviders();

    public ValueTask DisposeAsync() => bed.DisposeAsync();
}
