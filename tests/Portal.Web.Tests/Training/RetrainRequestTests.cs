using System.Net;
using Portal.Core.Training;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Training;

/// <summary>What "Retrain now" queues for each preset, when it joins a job instead, and when it refuses. No worker runs.</summary>
public sealed class RetrainRequestTests
{
    [Fact]
    public async Task QueuingAJobAnswers202WithWhereToFollowIt()
    {
        await using var portal = TrainingPortal.WithoutWorker();
        using var admin = portal.CreateAdminClient();
        await admin.AddVersesAsync(1, 2, 3);

        var queued = await admin.QueueAsync(TinyJob.Settings());
        var job = await admin.GetJobAsync(queued.Id);

        Assert.False(queued.Joined);
        Assert.Equal(JobState.Queued, queued.State);
        Assert.Equal(3, queued.VerseCount);
        Assert.Equal("tiny model from scratch", queued.StartFrom);
        Assert.Equal(TinyJob.Settings(), job.Settings);
        Assert.Equal(RetrainPreset.Custom, job.Preset);
        Assert.Equal(PortalFactory.AdminUser, job.RequestedByName);
    }

    [Fact]
    public async Task TheSameRequestTwiceJoinsOneJobAndOtherSettingsQueueAnother()
    {
        await using var portal = TrainingPortal.WithoutWorker();
        using var admin = portal.CreateAdminClient();
        await admin.AddVersesAsync(1, 2, 3);

        var first = await admin.QueueAsync(TinyJob.Settings());
        var again = await admin.QueueAsync(TinyJob.Settings());
        var other = await admin.QueueAsync(TinyJob.Settings(seed: 7));

        Assert.False(first.Joined);
        Assert.True(again.Joined);
        Assert.Equal(first.Id, again.Id);
        Assert.False(other.Joined);
        Assert.NotEqual(first.Id, other.Id);
    }

    [Fact]
    public async Task QuickOnAFreshInstallTrainsATinyModelFromScratch()
    {
        await using var portal = TrainingPortal.WithoutWorker();
        using var admin = portal.CreateAdminClient();
        await admin.AddVersesAsync(1, 2);

        var queued = await admin.QueueAsync(new { preset = "Quick" });
        var job = await admin.GetJobAsync(queued.Id);

        Assert.Equal("tiny model from scratch (no model yet)", queued.StartFrom);
        Assert.Equal(TrainingSettings.ForPreset(RetrainPreset.Scratch, "tiny"), job.Settings);
        Assert.Equal(RetrainPreset.Quick, job.Preset);
        Assert.Null(job.PreviousJobId);
        Assert.Equal(2, job.VerseCount);
    }

    [Fact]
    public async Task FullWithoutABaseModelTrainsFromScratchAndSaysWhy()
    {
        await using var portal = TrainingPortal.WithoutWorker();
        using var admin = portal.CreateAdminClient();
        await admin.AddVersesAsync(1);

        var queued = await admin.QueueAsync(new { preset = "Full" });

        Assert.Equal("tiny model from scratch (no base model is configured)", queued.StartFrom);
        Assert.Equal(JobStartMode.Scratch, (await admin.GetJobAsync(queued.Id)).Settings.StartMode);
    }

    [Fact]
    public async Task FullFineTunesTheConfiguredBaseModel()
    {
        await using var portal = TrainingPortal.WithoutWorker(new Dictionary<string, string> { ["Portal:Training:BaseModel"] = "gpt2-test" });
        FakeModel.Create(Path.Combine(portal.DataDirectory, "base-models", "gpt2-test"));
        using var admin = portal.CreateAdminClient();
        await admin.AddVersesAsync(1);

        var queued = await admin.QueueAsync(new { preset = "Full" });
        var job = await admin.GetJobAsync(queued.Id);

        Assert.Equal("base-models/gpt2-test", queued.StartFrom);
        Assert.Equal(TrainingSettings.ForPreset(RetrainPreset.Full) with { BaseModel = "gpt2-test" }, job.Settings);
    }

    [Fact]
    public async Task ScratchTakesTheRequestedModelSize()
    {
        await using var portal = TrainingPortal.WithoutWorker();
        using var admin = portal.CreateAdminClient();
        await admin.AddVersesAsync(1);

        var small = await admin.QueueAsync(new { preset = "Scratch", modelSize = "small" });
        using var unknown = await admin.PostJobAsync(new { preset = "Scratch", modelSize = "huge" });

        Assert.Equal("small", (await admin.GetJobAsync(small.Id)).Settings.ModelSize);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task AnEmptyLibraryIsRefused()
    {
        await using var portal = TrainingPortal.WithoutWorker();
        using var admin = portal.CreateAdminClient();

        using var response = await admin.PostJobAsync(new { preset = "Quick" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Contains("No verses are marked for training", problem.GetProperty("detail").GetString());
        Assert.Empty(await admin.GetJobsAsync());
    }

    [Fact]
    public async Task InvalidCustomSettingsAreRefusedWithEveryReason()
    {
        await using var portal = TrainingPortal.WithoutWorker();
        using var admin = portal.CreateAdminClient();
        await admin.AddVersesAsync(1);

        using var response = await admin.PostJobAsync(TinyJob.Request(TinyJob.Settings() with { Epochs = 0, LearningRate = 2 }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadProblemAsync()).GetProperty("errors").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("Epochs must be at least 1.", errors);
        Assert.Contains("The learning rate must be above 0 and at most 1.", errors);
    }

    [Fact]
    public async Task ContinuingNeedsACurrentModel()
    {
        await using var portal = TrainingPortal.WithoutWorker();
        using var admin = portal.CreateAdminClient();
        await admin.AddVersesAsync(1);

        using var response = await admin.PostJobAsync(TinyJob.Request(TinyJob.Settings() with { StartMode = JobStartMode.Continue }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("no current model", (await response.ReadProblemAsync()).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("escape")]
    [InlineData("missing")]
    [InlineData("incomplete")]
    public async Task ABaseModelMustBeACompleteFolderInsideBaseModels(string name)
    {
        await using var portal = TrainingPortal.WithoutWorker();
        var baseModels = Path.Combine(portal.DataDirectory, "base-models");
        var outside = Path.Combine(portal.DataDirectory, "outside");
        FakeModel.Create(outside);
        Directory.CreateDirectory(baseModels);
        Directory.CreateSymbolicLink(Path.Combine(baseModels, "escape"), outside);
        Directory.CreateDirectory(Path.Combine(baseModels, "incomplete"));
        File.WriteAllText(Path.Combine(baseModels, "incomplete", "config.json"), "{}");
        using var admin = portal.CreateAdminClient();
        await admin.AddVersesAsync(1);

        using var response = await admin.PostJobAsync(TinyJob.Request(TinyJob.Settings() with { StartMode = JobStartMode.Base, BaseModel = name }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await admin.GetJobsAsync());
    }

    [Fact]
    public async Task ABaseModelMayLinkToAnotherFolderInsideBaseModels()
    {
        await using var portal = TrainingPortal.WithoutWorker();
        var baseModels = Path.Combine(portal.DataDirectory, "base-models");
        FakeModel.Create(Path.Combine(baseModels, "gpt2"));
        Directory.CreateSymbolicLink(Path.Combine(baseModels, "current"), Path.Combine(baseModels, "gpt2"));
        using var admin = portal.CreateAdminClient();
        await admin.AddVersesAsync(1);

        var queued = await admin.QueueAsync(TinyJob.Request(TinyJob.Settings() with { StartMode = JobStartMode.Base, BaseModel = "current" }));

        Assert.Equal("base-models/current", queued.StartFrom);
    }
}
