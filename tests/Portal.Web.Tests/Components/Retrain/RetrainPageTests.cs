using Bunit;
using Portal.Core.Training;
using Portal.Web.Components.Pages.Retrain;
using Portal.Web.Tests.Components.Retrain.Support;
using Portal.Web.Tests.Components.Support;

namespace Portal.Web.Tests.Components.Retrain;

public sealed class RetrainPageTests
{
    // Pages load after the first render and the machine may be busy with a build: generous, never a sleep.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RetrainingAnEmptyLibraryShowsWhyNothingWasQueued()
    {
        await using var bed = await RetrainTestBed.CreateAsync();
        bed.SignIn(await bed.AddUserAsync("ana"));
        bed.RenderProviders();
        var page = bed.Context.Render<RetrainPage>();
        page.WaitForElement("#no-jobs", Patience);

        await page.Find("#retrain-now").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("No verses are marked for training", page.Find("#retrain-errors").TextContent, StringComparison.Ordinal), Patience);
        Assert.Contains("Nothing was queued.", page.Find("#retrain-errors").TextContent, StringComparison.Ordinal);
        Assert.Empty(await bed.Jobs.ListAsync());
        Assert.NotNull(page.Find("#no-jobs"));
    }

    [Fact]
    public async Task RetrainNowQueuesAJobAndPressingAgainJoinsIt()
    {
        await using var bed = await RetrainTestBed.CreateAsync();
        var ana = await bed.AddUserAsync("ana");
        await bed.AddVersesAsync(ana);
        bed.SignIn(ana);
        bed.RenderProviders();
        var page = bed.Context.Render<RetrainPage>();
        page.WaitForElement("#no-jobs", Patience);

        await page.Find("#retrain-now").ClickAsync(new());

        var job = Assert.Single(await bed.Jobs.ListAsync());
        page.WaitForAssertion(() => Assert.StartsWith($"Queued job #{job.Id}.", page.Find("#retrain-result").TextContent.Trim(), StringComparison.Ordinal), Patience);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("#job-queue tr.job-row")), Patience);
        Assert.Equal("Queued", page.Find("#job-queue tr.job-row .job-state").GetAttribute("data-state"));
        Assert.Equal(job.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), page.Find("#live-job").GetAttribute("data-job"));
        Assert.Contains("waiting for a worker", page.Find("#job-waiting").TextContent, StringComparison.Ordinal);

        await page.Find("#retrain-now").ClickAsync(new());

        page.WaitForAssertion(() => Assert.StartsWith($"Joined job #{job.Id} (same verses and settings).", page.Find("#retrain-result").TextContent.Trim(), StringComparison.Ordinal), Patience);
        Assert.Single(await bed.Jobs.ListAsync());
        Assert.Single(page.FindAll("#job-queue tr.job-row"));
    }

    [Fact]
    public async Task TheAdvancedPanelShowsProblemsBeforeSubmittingAndQueuesWhatWasTyped()
    {
        await using var bed = await RetrainTestBed.CreateAsync();
        var ana = await bed.AddUserAsync("ana");
        await bed.AddVersesAsync(ana);
        bed.SignIn(ana);
        bed.RenderProviders();
        var page = bed.Context.Render<RetrainPage>();
        page.WaitForElement("#no-jobs", Patience);
        await page.Find("#advanced-panel .mud-expand-panel-header").ClickAsync(new());
        page.WaitForElement("#setting-max-steps", Patience);
        Assert.Empty(page.FindAll("#settings-errors"));

        await page.TypeAsync("#setting-max-steps", "0");
        await page.TypeAsync("#setting-learning-rate", "2");

        page.WaitForAssertion(() => Assert.Equal(
            ["Max steps must be at least 1.", "The learning rate must be above 0 and at most 1."],
            page.FindAll("#settings-errors li").Select(li => li.TextContent.Trim())), Patience);
        Assert.True(page.Find("#queue-custom").HasAttribute("disabled"));

        await page.TypeAsync("#setting-max-steps", "40");
        await page.TypeAsync("#setting-learning-rate", "0.002");
        await page.TypeAsync("#setting-eval-interval", "10");
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#settings-errors")), Patience);
        await page.Find("#queue-custom").ClickAsync(new());

        var job = Assert.Single(await bed.Jobs.ListAsync());
        Assert.Equal(RetrainPreset.Custom, job.Preset);
        Assert.Equal(40, job.Settings.MaxSteps);
        Assert.Equal(0.002, job.Settings.LearningRate);
        Assert.Equal(10, job.Settings.EvalInterval);
        page.WaitForAssertion(() => Assert.StartsWith($"Queued job #{job.Id}.", page.Find("#retrain-result").TextContent.Trim(), StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task ResetRestoresTheDefaults()
    {
        await using var bed = await RetrainTestBed.CreateAsync();
        bed.SignIn(await bed.AddUserAsync("ana"));
        bed.RenderProviders();
        var page = bed.Context.Render<RetrainPage>();
        page.WaitForElement("#no-jobs", Patience);
        await page.Find("#advanced-panel .mud-expand-panel-header").ClickAsync(new());
        page.WaitForElement("#setting-epochs", Patience);
        var defaults = bed.Jobs.DefaultsFor(RetrainPreset.Custom);

        await page.TypeAsync("#setting-epochs", "0");
        page.WaitForElement("#settings-errors", Patience);
        await page.Find("#reset-settings").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal(defaults.Epochs.ToString(System.Globalization.CultureInfo.InvariantCulture), page.Find("#setting-epochs").GetAttribute("value")), Patience);
        Assert.Empty(page.FindAll("#settings-errors"));
    }

    [Fact]
    public async Task CancellingAQueuedJobFromTheQueueSaysSoAndUpdatesTheRow()
    {
        await using var bed = await RetrainTestBed.CreateAsync();
        var ana = await bed.AddUserAsync("ana");
        await bed.AddVersesAsync(ana);
        var job = await bed.QueueScratchJobAsync(ana);
        bed.SignIn(ana);
        var providers = bed.RenderProviders();
        var page = bed.Context.Render<RetrainPage>();
        page.WaitForElement("#job-queue tr.job-row .cancel-job", Patience);

        await page.Find("#job-queue tr.job-row .cancel-job").ClickAsync(new());

        providers.Snackbars.WaitForAssertion(() => Assert.Contains($"Job #{job.Id} is cancelled.", providers.Snackbars.Markup, StringComparison.Ordinal), Patience);
        page.WaitForAssertion(() => Assert.Equal("Cancelled", page.Find("#job-queue tr.job-row .job-state").GetAttribute("data-state")), Patience);
        Assert.Empty(page.FindAll("#job-queue tr.job-row .cancel-job"));
        Assert.Equal(JobState.Cancelled, (await bed.Jobs.FindAsync(job.Id))!.State);
    }

    [Fact]
    public async Task AWriterCannotCancelAnotherWritersJob()
    {
        await using var bed = await RetrainTestBed.CreateAsync();
        var ana = await bed.AddUserAsync("ana");
        var ben = await bed.AddUserAsync("ben");
        await bed.AddVersesAsync(ana);
        await bed.QueueScratchJobAsync(ana);
        bed.SignIn(ben);
        bed.RenderProviders();

        var page = bed.Context.Render<RetrainPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("#job-queue tr.job-row")), Patience);
        Assert.Empty(page.FindAll("#job-queue .cancel-job"));
        Assert.Empty(page.FindAll("#live-job-cancel"));
    }
}
