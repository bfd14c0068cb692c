using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Access;
using Portal.Core.Training;
using Portal.Core.Verses;
using Portal.Core.Versions;
using Portal.Data.Verses;
using Portal.Web.Options;
using Portal.Web.Services.Training;
using Portal.Web.Services.Versions;
using Portal.Web.Tests.Components.Retrain.Support;
using Portal.Web.Tests.Components.Support;

namespace Portal.Web.Tests.Components.Versions.Support;

/// <summary>
/// The component test bed with versions in reach: real promotions through <see cref="VersionService"/> into a real
/// deploy repository (a working clone and a bare remote under the bed's data directory). Jobs succeed through a
/// test worker with figures the test chooses, so that a test decides which checks pass; their candidates are the
/// files of a model, not trained weights, unless the test hands it a real model folder.
/// </summary>
public sealed class VersionsTestBed : IAsyncDisposable
{
    /// <summary>Figures every check passes on (the first model: nothing to forget).</summary>
    public static readonly JobMetrics PassingMetrics = new()
    {
        Steps = 40,
        MaxSteps = 40,
        StopReason = "Completed",
        ElapsedSeconds = 60,
        TokensPerSecond = 6000,
        InitialLoss = 4.2,
        FinalLoss = 3.1234,
        FinalTrainLoss = 2.9,
        BestValidationLoss = 3.1234,
        BestStep = 40,
        Probes = [new ProbePair("Storytelling verse about the harbour", "the the the", "Harbour lights on the tide\nNets mended with pride")],
    };

    /// <summary>Figures on which "Loss dropped by at least 0.3" fails: the loss moved by 0.1.</summary>
    public static readonly JobMetrics FailingMetrics = PassingMetrics with { FinalLoss = 4.1, BestValidationLoss = 4.1 };

    private readonly ComponentTestBed bed;
    private readonly TestWorker worker;

    private VersionsTestBed(ComponentTestBed bed)
    {
        this.bed = bed;
        worker = new TestWorker(Jobs, Context.Services.GetRequiredService<TrainingFolders>());
    }

    public BunitContext Context => bed.Context;

    public VerseStore Verses => bed.Verses;

    public TrainingJobService Jobs => Context.Services.GetRequiredService<TrainingJobService>();

    public VersionService Versions => Context.Services.GetRequiredService<VersionService>();

    public string RemoteDirectory => DeployOptions.LocalRemoteDirectory(bed.DataDirectory);

    /// <summary>Asks every configured serving endpoint what it serves, as the portal's monitor does every few seconds.</summary>
    public Task PollServingAsync() => Context.Services.GetRequiredService<ServingStatusMonitor>().PollOnceAsync();

    /// <param name="remoteUrl">Where promotions are pushed; null: the local bare remote in the data directory.</param>
    /// <param name="servingEndpoints">Serving apps the portal asks what they serve (polled only by <see cref="PollServingAsync"/>).</param>
    public static async Task<VersionsTestBed> CreateAsync(string? remoteUrl = null, params string[] servingEndpoints) =>
        new(await ComponentTestBed.CreateAsync(services => services.Configure<DeployOptions>(deploy =>
        {
            deploy.RemoteUrl = remoteUrl;
            deploy.ServingEndpoints = servingEndpoints;
        })));

    public Task<Actor> AddUserAsync(string name, bool admin = false) => bed.AddUserAsync(name, admin);

    public void SignIn(Actor actor) => bed.SignIn(actor);

    public Task<Verse> AddVerseAsync(Actor author, string prompt, string lyrics) => bed.AddVerseAsync(author, prompt, lyrics);

    public async Task AddVersesAsync(Actor author)
    {
        await bed.AddVerseAsync(author, LibraryVerses.HarbourPrompt, LibraryVerses.HarbourLyrics);
        await bed.AddVerseAsync(author, LibraryVerses.ChessPrompt, LibraryVerses.ChessLyrics);
        await bed.AddVerseAsync(author, LibraryVerses.KitchenPrompt, LibraryVerses.KitchenLyrics);
    }

    /// <summary>
    /// A job on the library as it is now, run to success by the test worker with <paramref name="metrics"/>. Its
    /// candidate is a copy of <paramref name="modelFolder"/> when given, else the files of a model with no weights
    /// (promotion only copies and hashes them).
    /// </summary>
    public async Task<TrainingJob> SucceededJobAsync(Actor requester, JobMetrics metrics, string? modelFolder = null)
    {
        var queued = await Jobs.RequestAsync(requester, new RetrainRequest(RetrainPreset.Scratch, ModelSize: "tiny"));
        Assert.Empty(queued.Errors);
        var lease = await worker.ClaimAsync();
        Assert.Equal(queued.Job!.Id, lease.JobId);
        if (modelFolder is null)
        {
            await worker.SucceedAsync(lease, metrics);
        }
        else
        {
            CopyModel(modelFolder, Context.Services.GetRequiredService<TrainingFolders>().CandidateDirectory(lease.JobId));
            Assert.Equal(CompletionResult.Completed, await Jobs.CompleteAsync(lease, JobOutcome.Succeeded(metrics)));
        }
        return (await Jobs.FindAsync(lease.JobId))!;
    }

    /// <summary>Promotes through the service, as the promote button does; the promotion must be recorded.</summary>
    public async Task<ModelVersion> PromoteAsync(Actor admin, TrainingJob job, string? note = null, bool overrideChecklist = false)
    {
        var result = await Versions.PromoteAsync(admin, job.Id, note, overrideChecklist);
        Assert.True(result.Status == VersionCommandStatus.Done, $"Promoting job {job.Id}: {result.Status} {result.Message}");
        return result.Version!;
    }

    public Providers RenderProviders() => bed.RenderProviders();

    public ValueTask DisposeAsync() => bed.DisposeAsync();

    private static void CopyModel(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
    }
}
