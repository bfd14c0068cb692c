using Bunit;
using Portal.Core.Training;
using Portal.Web.Components.Pages.Retrain;
using Portal.Web.Tests.Components.Retrain.Support;

namespace Portal.Web.Tests.Components.Retrain;

public sealed class LiveJobPanelTests
{
    // The panel loads after the first render and the machine may be busy with a build: generous, never a sleep.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task StoredAndBroadcastEventsEachShowOnce()
    {
        await using var bed = await RetrainTestBed.CreateAsync();
        var (job, lease) = await ClaimedJobAsync(bed);
        await bed.Worker.ReportAsync(lease, JobEventData.Log("before the page"), TestWorker.Step(1, 4.5));

        var panel = bed.Context.Render<LiveJobPanel>(parameters => parameters.Add(p => p.JobId, job.Id));
        panel.WaitForAssertion(() => Assert.Equal("1 / 40", Step(panel)), Patience);

        await bed.Worker.ReportAsync(lease, JobEventData.Log("after the page"), TestWorker.Step(2, 4.0), TestWorker.Evaluation(2, 4.0, 4.2));
        panel.WaitForAssertion(() => Assert.Equal("2 / 40", Step(panel)), Patience);

        Assert.Equal(["before the page", "after the page"], LogLines(panel));
        Assert.Equal("Running", panel.Find("#live-job .job-state").GetAttribute("data-state"));
        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll(".loss-chart svg path")), Patience);
    }

    [Fact]
    public async Task EventsMissedByTheBroadcastAreReadFromTheStore()
    {
        await using var bed = await RetrainTestBed.CreateAsync();
        var (job, lease) = await ClaimedJobAsync(bed);
        var panel = bed.Context.Render<LiveJobPanel>(parameters => parameters.Add(p => p.JobId, job.Id));
        panel.WaitForAssertion(() => Assert.Equal("Running", panel.Find("#live-job .job-state").GetAttribute("data-state")), Patience);

        // Stored but never broadcast: the next broadcast event arrives with a gap before it.
        Assert.NotNull(await bed.Store.AppendAsync(lease, [JobEventData.Log("missed by the broadcast"), TestWorker.Step(5, 3.9)]));
        await bed.Worker.ReportAsync(lease, JobEventData.Log("broadcast"));

        panel.WaitForAssertion(() => Assert.Equal(["missed by the broadcast", "broadcast"], LogLines(panel)), Patience);
        Assert.Equal("5 / 40", Step(panel));
    }

    [Fact]
    public async Task ProbesShowGroupedByEvaluationNewestFirst()
    {
        await using var bed = await RetrainTestBed.CreateAsync();
        var (job, lease) = await ClaimedJobAsync(bed);
        var panel = bed.Context.Render<LiveJobPanel>(parameters => parameters.Add(p => p.JobId, job.Id));
        panel.WaitForAssertion(() => Assert.Equal("Running", panel.Find("#live-job .job-state").GetAttribute("data-state")), Patience);

        await bed.Worker.ReportAsync(lease,
            JobEventData.Probed(new JobProbe(10, "harbour", "salt salt salt")),
            JobEventData.Probed(new JobProbe(20, "harbour", "Harbour lights on the tide")));

        panel.WaitForAssertion(() => Assert.Equal(["20", "10"], panel.FindAll(".probe-round").Select(r => r.GetAttribute("data-step"))), Patience);
        Assert.Equal("Harbour lights on the tide", panel.Find(".probe-round .probe-text").TextContent);
    }

    [Fact]
    public async Task AFinishedJobLinksToItsReport()
    {
        await using var bed = await RetrainTestBed.CreateAsync();
        var (job, lease) = await ClaimedJobAsync(bed);
        var panel = bed.Context.Render<LiveJobPanel>(parameters => parameters.Add(p => p.JobId, job.Id));
        panel.WaitForElement("#live-job-cancel", Patience);
        Assert.Empty(panel.FindAll("#live-job-report"));

        await bed.Worker.FailAsync(lease, "out of memory");

        panel.WaitForAssertion(() => Assert.Equal($"retrain/jobs/{job.Id}", panel.Find("#live-job-report").GetAttribute("href")), Patience);
        Assert.Equal("Failed", panel.Find("#live-job .job-state").GetAttribute("data-state"));
        Assert.Equal("out of memory", panel.Find("#live-job-failure").TextContent.Trim());
        Assert.Empty(panel.FindAll("#live-job-cancel"));
    }

    /// <summary>A job a worker has claimed, with its requester signed in and the page's providers rendered.</summary>
    private static async Task<(TrainingJob Job, JobLease Lease)> ClaimedJobAsync(RetrainTestBed bed)
    {
        var ana = await bed.AddUserAsync("ana");
        await bed.AddVersesAsync(ana);
        var job = await bed.QueueScratchJobAsync(ana);
        var lease = await bed.Worker.ClaimAsync();
        bed.SignIn(ana);
        bed.RenderProviders();
        return (job, lease);
    }

    private static string Step(IRenderedComponent<LiveJobPanel> panel) => panel.Find("#job-step .job-figure-value").TextContent.Trim();

    private static IReadOnlyList<string> LogLines(IRenderedComponent<LiveJobPanel> panel) =>
        panel.FindAll("#job-log .log-line").Select(line => line.TextContent.Trim()[(line.QuerySelector(".log-time")!.TextContent.Length + 1)..].Trim()).ToList();
}
