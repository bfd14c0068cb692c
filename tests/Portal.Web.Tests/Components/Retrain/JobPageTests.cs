using Bunit;
using Portal.Core.Training;
using Portal.Web.Components.Pages.Retrain;
using Portal.Web.Tests.Components.Retrain.Support;

namespace Portal.Web.Tests.Components.Retrain;

public sealed class JobPageTests
{
    // Pages load after the first render and the machine may be busy with a build: generous, never a sleep.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static readonly JobMetrics Metrics = new()
    {
        Steps = 40,
        MaxSteps = 40,
        StopReason = "Completed",
        ElapsedSeconds = 75,
        TokensPerSecond = 6600,
        InitialLoss = 4.2,
        FinalLoss = 3.1,
        FinalTrainLoss = 2.9,
        BestValidationLoss = 3.1,
        BestStep = 40,
        Probes = [new ProbePair("Storytelling verse about the harbour", "the the the", "Harbour lights on the tide\nNets mended with pride")],
    };

    [Fact]
    public async Task AnUnknownJobSaysThereIsNoSuchJob()
    {
        await using var bed = await RetrainTestBed.CreateAsync();
        bed.SignIn(await bed.AddUserAsync("ana"));

        var page = bed.Context.Render<JobPage>(parameters => parameters.Add(p => p.Id, 4242));

        page.WaitForAssertion(() => Assert.Contains("There is no job #4242.", page.Find("#no-such-job").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(page.FindAll("#job-header"));
    }

    [Fact]
    public async Task ASucceededJobShowsItsReport()
    {
        await using var bed = await RetrainTestBed.CreateAsync();
        var ana = await bed.AddUserAsync("ana");
        await bed.AddVersesAsync(ana);
        var job = await bed.QueueScratchJobAsync(ana);
        var lease = await bed.Worker.ClaimAsync();
        await bed.Worker.ReportAsync(lease, TestWorker.Step(10, 4.0), TestWorker.Evaluation(10, 4.0, 4.1), TestWorker.Step(20, 3.4), TestWorker.Evaluation(20, 3.4, 3.1));
        await bed.Worker.SucceedAsync(lease, Metrics);
        bed.SignIn(ana);

        var page = bed.Context.Render<JobPage>(parameters => parameters.Add(p => p.Id, job.Id));

        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("#checklist li.checklist-item").Count), Patience);
        Assert.Equal("Succeeded", page.Find("#job-title").ParentElement!.QuerySelector(".job-state")!.GetAttribute("data-state"));
        Assert.Equal(
            [RetrainChecklist.LossDropped, RetrainChecklist.NoForgetting, RetrainChecklist.ProbesSound, RetrainChecklist.BestNotEarly],
            page.FindAll("#checklist li").Select(li => li.GetAttribute("data-key")));
        Assert.Equal(["pass", "na", "pass", "pass"], page.FindAll("#checklist li").Select(li => li.GetAttribute("data-result")));
        Assert.Equal("40 of 40", page.Find("#metric-steps").TextContent.Trim());
        Assert.Equal("4.200 → 3.100", page.Find("#metric-loss").TextContent.Trim());
        Assert.Equal("3.100 at step 40", page.Find("#metric-best").TextContent.Trim());
        Assert.Equal("the the the", page.Find(".probe-pair .probe-before").TextContent);
        Assert.Equal("Harbour lights on the tide\nNets mended with pride", page.Find(".probe-pair .probe-after").TextContent);
        Assert.Contains($"models/job-{job.Id}", page.Find("#job-candidate").TextContent, StringComparison.Ordinal);
        Assert.Equal("3", page.Find("#job-verses .job-figure-value").TextContent.Trim());
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#job-report .loss-chart svg path")), Patience);
        Assert.Empty(page.FindAll("#live-job"));
    }

    [Fact]
    public async Task AFailedJobShowsWhyInAnErrorAlert()
    {
        await using var bed = await RetrainTestBed.CreateAsync();
        var ana = await bed.AddUserAsync("ana");
        await bed.AddVersesAsync(ana);
        var job = await bed.QueueScratchJobAsync(ana);
        var lease = await bed.Worker.ClaimAsync();
        await bed.Worker.FailAsync(lease, "The loss became NaN at step 12.");
        bed.SignIn(ana);

        var page = bed.Context.Render<JobPage>(parameters => parameters.Add(p => p.Id, job.Id));

        page.WaitForAssertion(() => Assert.Contains("The loss became NaN at step 12.", page.Find("#job-failure").TextContent, StringComparison.Ordinal), Patience);
        Assert.Contains("mud-alert-text-error", page.Find("#job-failure").ClassName, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#job-candidate"));
    }

    [Fact]
    public async Task ARunningJobsPageFollowsItLiveAndShowsTheReportWhenItSucceeds()
    {
        await using var bed = await RetrainTestBed.CreateAsync();
        var ana = await bed.AddUserAsync("ana");
        await bed.AddVersesAsync(ana);
        var job = await bed.QueueScratchJobAsync(ana);
        var lease = await bed.Worker.ClaimAsync();
        await bed.Worker.ReportAsync(lease, TestWorker.Step(1, 4.5));
        bed.SignIn(ana);
        bed.RenderProviders();

        var page = bed.Context.Render<JobPage>(parameters => parameters.Add(p => p.Id, job.Id));
        page.WaitForAssertion(() => Assert.Equal("1 / 40", page.Find("#job-step .job-figure-value").TextContent.Trim()), Patience);
        Assert.NotEmpty(page.FindAll("#live-job-cancel"));

        await bed.Worker.ReportAsync(lease, TestWorker.Step(20, 3.5), JobEventData.Log("saved checkpoint at step 20"));
        page.WaitForAssertion(() => Assert.Equal("20 / 40", page.Find("#job-step .job-figure-value").TextContent.Trim()), Patience);
        Assert.Contains("saved checkpoint at step 20", page.Find("#job-log").TextContent, StringComparison.Ordinal);

        await bed.Worker.SucceedAsync(lease, Metrics);
        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("#checklist li.checklist-item").Count), Patience);
        Assert.Empty(page.FindAll("#live-job"));
    }
}
